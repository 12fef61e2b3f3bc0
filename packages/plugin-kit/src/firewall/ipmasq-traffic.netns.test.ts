import { describe, expect, test } from 'bun:test';
import { canUseNetns, createTestNetns, type TestNetns } from '../testing/test-netns.ts';
import { useTimeLimit } from '../testing/time-limits.ts';
import { setupIpMasq, teardownIpMasq } from './ipmasq.ts';
import type { IpMasqBackend } from './ipmasq-types.ts';

useTimeLimit('netns');

// Shows that the rules really masquerade, with three throwaway namespaces:
//   container (10.244.50.4/24, default via .1) ── host (10.244.50.1 | 192.168.90.1) ── outside (192.168.90.2/24)
// The outside namespace has no route back to 10.244.50.0/24, so a TCP connection from the
// container to it completes only when the host masquerades it to 192.168.90.1. The
// topology is made with `ip` inside the namespaces (tests may run ip); the rules are made
// by the code under test with `netns` = the host namespace. Nothing touches the machine's
// own namespace; the namespaces go when the test ends, also when it fails.

interface MasqTopology {
  readonly host: TestNetns;
  readonly container: TestNetns;
  readonly outside: TestNetns;
  /** Connects from the container to the outside; the address the outside saw, or null if it failed. */
  connectOut(): Promise<string | null>;
  remove(): void;
  [Symbol.dispose](): void;
}

const CONTAINER_ADDRESS = '10.244.50.4/24';
const HOST_OUTSIDE_IP = '192.168.90.1';
const OUTSIDE_IP = '192.168.90.2';
const PORT = 18090;

const SERVER = `
const net = require('node:net');
const server = net.createServer((socket) => { console.log(socket.remoteAddress); socket.destroy(); server.close(); });
server.listen(${PORT}, '${OUTSIDE_IP}', () => console.log('ready'));
setTimeout(() => process.exit(3), 8000);
`;

const CLIENT = `
const net = require('node:net');
const socket = net.connect(${PORT}, '${OUTSIDE_IP}');
socket.on('connect', () => { socket.destroy(); process.exit(0); });
socket.on('error', () => process.exit(1));
setTimeout(() => process.exit(2), 3000);
`;

/** Reads a stream line by line; null at the end. */
function lineReader(stream: ReadableStream<Uint8Array>): () => Promise<string | null> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  return async () => {
    while (!buffer.includes('\n')) {
      const { value, done } = await reader.read();
      if (done) {
        const rest = buffer;
        buffer = '';
        return rest === '' ? null : rest;
      }
      buffer += decoder.decode(value, { stream: true });
    }
    const at = buffer.indexOf('\n');
    const line = buffer.slice(0, at);
    buffer = buffer.slice(at + 1);
    return line;
  };
}

function createMasqTopology(): MasqTopology {
  const made: TestNetns[] = [];
  const remove = (): void => {
    for (const ns of made.reverse()) ns.remove();
  };
  try {
    const host = createTestNetns('cnits-h');
    made.push(host);
    const container = createTestNetns('cnits-c');
    made.push(container);
    const outside = createTestNetns('cnits-o');
    made.push(outside);
    const ip = (ns: TestNetns, args: string): void => {
      ns.exec(['ip', ...args.split(' ')]);
    };
    ip(host, `link add h0 type veth peer name c0 netns ${container.name}`);
    ip(host, `link add h1 type veth peer name o0 netns ${outside.name}`);
    ip(host, 'addr add 10.244.50.1/24 dev h0');
    ip(host, `addr add ${HOST_OUTSIDE_IP}/24 dev h1`);
    ip(host, 'link set h0 up');
    ip(host, 'link set h1 up');
    host.exec(['sysctl', '-q', '-w', 'net.ipv4.ip_forward=1']);
    ip(container, `addr add ${CONTAINER_ADDRESS} dev c0`);
    ip(container, 'link set c0 up');
    ip(container, 'route add default via 10.244.50.1');
    ip(outside, `addr add ${OUTSIDE_IP}/24 dev o0`);
    ip(outside, 'link set o0 up');
    return {
      host,
      container,
      outside,
      async connectOut() {
        const server = Bun.spawn(
          ['ip', 'netns', 'exec', outside.name, process.execPath, '-e', SERVER],
          { stdout: 'pipe', stderr: 'pipe' },
        );
        try {
          const nextLine = lineReader(server.stdout);
          const ready = await nextLine();
          if (ready !== 'ready') throw new Error(`server did not start: ${String(ready)}`);
          const client = Bun.spawnSync(
            ['ip', 'netns', 'exec', container.name, process.execPath, '-e', CLIENT],
            { stdout: 'pipe', stderr: 'pipe' },
          );
          if (client.exitCode !== 0) return null;
          return await nextLine();
        } finally {
          server.kill();
          await server.exited;
        }
      },
      remove,
      [Symbol.dispose]: remove,
    };
  } catch (error) {
    remove();
    throw error;
  }
}

const tools: Record<IpMasqBackend, boolean> = {
  iptables: Bun.which('iptables') !== null,
  nftables: Bun.which('nft') !== null,
};

// Installed tools are looked up on PATH only: no firewall tool runs outside a throwaway namespace.
describe.skipIf(!canUseNetns())('masquerade on the wire', () => {
  for (const backend of ['iptables', 'nftables'] as const) {
    test.skipIf(!tools[backend])(
      `${backend}: the outside sees the host address, and after teardown no connection (needs the ${backend} package)`,
      async () => {
        using topology = createMasqTopology();
        const target = {
          network: 'pur-brnet',
          containerId: 'cid-t',
          ifName: 'eth0',
          addresses: [CONTAINER_ADDRESS],
          backend,
          netns: topology.host.ns,
        };
        setupIpMasq(target);
        expect(await topology.connectOut()).toBe(HOST_OUTSIDE_IP);
        teardownIpMasq(target);
        expect(await topology.connectOut()).toBeNull();
      },
    );
  }
});
