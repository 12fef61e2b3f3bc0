// A bounded traffic probe for the shaping tests, run as a script inside a test namespace
// (`ip netns exec NS bun _test-traffic-probe.ts …`): `recv tcp|udp PORT SECONDS` counts the bytes
// that arrive (seconds: first to last byte), `send tcp|udp HOST PORT SECONDS` sends as fast
// as the socket takes them (seconds: sending time). Each prints one JSON line
// {"bytes":N,"seconds":S} and stops after SECONDS whatever happens.
import { connect, createServer } from 'node:net';

const CHUNK = new Uint8Array(1400).fill(0x61);

function report(bytes: number, started: number): void {
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(`${JSON.stringify({ bytes, seconds })}\n`);
  process.exit(0);
}

async function recvTcp(port: number, seconds: number): Promise<void> {
  let bytes = 0;
  let started = 0;
  let last = 0;
  const finish = (): void => {
    const span = started === 0 ? 0 : (last - started) / 1000;
    process.stdout.write(`${JSON.stringify({ bytes, seconds: span })}\n`);
    process.exit(0);
  };
  const server = createServer((socket) => {
    socket.on('data', (data: Buffer) => {
      last = performance.now();
      if (started === 0) started = last;
      bytes += data.length;
    });
    socket.on('end', finish);
  });
  server.listen(port, () => process.stdout.write('ready\n'));
  setTimeout(finish, seconds * 1000);
}

async function sendTcp(host: string, port: number, seconds: number): Promise<void> {
  const started = performance.now();
  let bytes = 0;
  const socket = connect(port, host);
  const deadline = started + seconds * 1000;
  const pump = (): void => {
    while (performance.now() < deadline) {
      bytes += CHUNK.length;
      if (!socket.write(CHUNK)) return void socket.once('drain', pump);
    }
    socket.end(() => report(bytes, started));
  };
  socket.on('connect', pump);
}

async function recvUdp(port: number, seconds: number): Promise<void> {
  let bytes = 0;
  let started = 0;
  let last = 0;
  await Bun.udpSocket({
    port,
    socket: {
      data(_socket, data) {
        last = performance.now();
        if (started === 0) started = last;
        bytes += data.length;
      },
    },
  });
  process.stdout.write('ready\n');
  setTimeout(() => {
    const seconds = started === 0 ? 0 : (last - started) / 1000;
    process.stdout.write(`${JSON.stringify({ bytes, seconds })}\n`);
    process.exit(0);
  }, seconds * 1000);
}

async function sendUdp(host: string, port: number, seconds: number): Promise<void> {
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let bytes = 0;
  let dropped = 0;
  const done = Promise.withResolvers<void>();
  const socket = await Bun.udpSocket({
    socket: {
      drain() {
        pump();
      },
    },
  });
  const pump = (): void => {
    while (performance.now() < deadline) {
      try {
        if (!socket.send(CHUNK, port, host)) return;
        bytes += CHUNK.length;
      } catch (error) {
        // ENOBUFS: the local qdisc dropped it; not sent.
        if ((error as { code?: string }).code !== 'ENOBUFS') throw error;
        dropped += CHUNK.length;
      }
    }
    done.resolve();
  };
  pump();
  const timer = setInterval(() => {
    if (performance.now() >= deadline) done.resolve();
  }, 50);
  await done.promise;
  clearInterval(timer);
  if (dropped > 0) process.stderr.write(`dropped ${dropped}\n`);
  report(bytes, started);
}

const [mode, proto, ...rest] = process.argv.slice(2);
if (mode === 'recv' && proto === 'tcp') await recvTcp(Number(rest[0]), Number(rest[1]));
else if (mode === 'recv' && proto === 'udp') await recvUdp(Number(rest[0]), Number(rest[1]));
else if (mode === 'send' && proto === 'tcp')
  await sendTcp(rest[0] ?? '', Number(rest[1]), Number(rest[2]));
else if (mode === 'send' && proto === 'udp')
  await sendUdp(rest[0] ?? '', Number(rest[1]), Number(rest[2]));
else throw new Error('usage: recv tcp|udp PORT SECONDS | send tcp|udp HOST PORT SECONDS');
