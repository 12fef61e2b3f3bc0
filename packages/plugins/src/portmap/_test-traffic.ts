// Traffic helpers of the portmap namespace tests: a TCP server in a namespace the test made
// that answers each connection with the address it came from, and a client that connects
// from another namespace and returns the answer (null when it could not connect).
import type { TestNetns } from '@cni-ts/plugin-kit/testing';

const server = (port: number) => `
const net = require('node:net');
const s = net.createServer((c) => { c.end(String(c.remoteAddress).replace(/^::ffff:/, '') + '\\n'); });
s.listen(${port}, '::', () => console.log('ready'));
setTimeout(() => process.exit(3), 30000);
`;

const client = (host: string, port: number) => `
const net = require('node:net');
let got = '';
const c = net.connect(${port}, ${JSON.stringify(host)});
c.on('data', (d) => { got += d; });
c.on('end', () => { process.stdout.write(got); process.exit(0); });
c.on('error', () => process.exit(1));
setTimeout(() => process.exit(2), 2000);
`;

/** A running server; stop() kills it (by its PID) and waits for it. */
export interface TrafficServer {
  stop(): Promise<void>;
}

/** Starts the server on `port` (all addresses, both families) inside `ns`. */
export async function startServer(ns: TestNetns, port: number): Promise<TrafficServer> {
  const child = Bun.spawn(['ip', 'netns', 'exec', ns.name, process.execPath, '-e', server(port)], {
    stdout: 'pipe',
    stderr: 'pipe',
  });
  const stop = async () => {
    child.kill();
    await child.exited;
  };
  const reader = child.stdout.getReader();
  const { value } = await reader.read();
  reader.releaseLock();
  if (!new TextDecoder().decode(value).startsWith('ready')) {
    await stop();
    throw new Error('traffic server did not start');
  }
  return { stop };
}

/** Connects from `ns` to host:port; the source address the server saw, or null. */
export function connect(ns: TestNetns, host: string, port: number): string | null {
  const run = Bun.spawnSync(
    ['ip', 'netns', 'exec', ns.name, process.execPath, '-e', client(host, port)],
    { stdout: 'pipe', stderr: 'pipe' },
  );
  return run.exitCode === 0 ? run.stdout.toString().trim() : null;
}
