import { describe, expect, test } from 'bun:test';
import { type TestNetns, useTimeLimit } from '@cni-ts/plugin-kit/testing';
import { useWorlds } from '../../test/_use-worlds.ts';
import type { PluginWorld } from '../../test/_world.ts';
import { connect, startServer } from './_test-traffic.ts';
import { attach, chain, GATEWAY_V4, GATEWAY_V6 } from './_test-world.ts';

useTimeLimit('netns');

const worlds = useWorlds();
const { skip } = worlds;

const SERVER_PORT = 80;
const HOST_PORT = 18080;
const REMOTE_IP = '192.168.77.2';
const HOST_REMOTE_IP = '192.168.77.1';
/** An address of the host that is not the bridge's. */
const OTHER_HOST_IP = '192.0.2.10';

function container(world: PluginWorld, n: number): TestNetns {
  const ns = world.containers[n];
  if (ns === undefined) throw new Error(`no container ${n}`);
  return ns;
}

/** A namespace outside the bridge, routed to the host over a veth (192.168.77.0/24). */
function remote(world: PluginWorld): TestNetns {
  const outside = container(world, 2);
  world.host.exec([
    'ip',
    'link',
    'add',
    'pm-r0',
    'type',
    'veth',
    'peer',
    'name',
    'pm-r1',
    'netns',
    outside.name,
  ]);
  world.host.exec(['ip', 'addr', 'add', `${HOST_REMOTE_IP}/24`, 'dev', 'pm-r0']);
  world.host.exec(['ip', 'addr', 'add', `${OTHER_HOST_IP}/32`, 'dev', 'lo']);
  world.host.exec(['ip', 'link', 'set', 'pm-r0', 'up']);
  outside.exec(['ip', 'addr', 'add', `${REMOTE_IP}/24`, 'dev', 'pm-r1']);
  outside.exec(['ip', 'link', 'set', 'pm-r1', 'up']);
  outside.exec(['ip', 'route', 'add', 'default', 'via', HOST_REMOTE_IP]);
  return outside;
}

/** connect() over IPv6, retried while the addresses may still be tentative (DAD, ~2 s). */
async function connectV6(ns: TestNetns, host: string, port: number): Promise<string | null> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const seen = connect(ns, host, port);
    if (seen !== null) return seen;
    await Bun.sleep(300);
  }
  return null;
}

/** Container 0 served through portmap with `mappings`/`extra`, container 1 on the bridge. */
function served(world: PluginWorld, extra: Record<string, unknown>, mappings?: unknown) {
  const { added } = chain(world, worlds.bin, extra, mappings === undefined ? {} : { mappings });
  if (added.exitCode !== 0) throw new Error(`portmap ADD failed: ${added.stdout}`);
  attach(world, worlds.bin, 1);
  return remote(world);
}

describe.skipIf(skip !== null)(
  `portmap traffic${skip === null ? '' : ` (skipped: ${skip})`}`,
  () => {
    test('a host port reaches the container from another container, the host, localhost and outside', async () => {
      const world = worlds.create(3);
      const outside = served(world, {}, [
        { hostPort: HOST_PORT, containerPort: SERVER_PORT, protocol: 'tcp' },
      ]);
      const server = await startServer(container(world, 0), SERVER_PORT);
      try {
        // Hairpin from a container of the same bridge: marked, masqueraded to the gateway.
        expect(connect(container(world, 1), GATEWAY_V4, HOST_PORT)).toBe(GATEWAY_V4);
        expect(await connectV6(container(world, 1), GATEWAY_V6, HOST_PORT)).toBe(GATEWAY_V6);
        // From the host namespace (OUTPUT DNAT) and through localhost (route_localnet).
        expect(connect(world.host, GATEWAY_V4, HOST_PORT)).toBe(GATEWAY_V4);
        expect(connect(world.host, '127.0.0.1', HOST_PORT)).toBe(GATEWAY_V4);
        // From outside the bridge, to any host address: the source is kept.
        expect(connect(outside, HOST_REMOTE_IP, HOST_PORT)).toBe(REMOTE_IP);
        expect(connect(outside, OTHER_HOST_IP, HOST_PORT)).toBe(REMOTE_IP);
        // A port nobody mapped does not reach the container.
        expect(connect(outside, HOST_REMOTE_IP, HOST_PORT + 1)).toBeNull();
      } finally {
        await server.stop();
      }
    });

    test('hostIP restricts the mapping to that host address', async () => {
      const world = worlds.create(3);
      const outside = served(world, {}, [
        {
          hostPort: HOST_PORT,
          containerPort: SERVER_PORT,
          protocol: 'tcp',
          hostIP: HOST_REMOTE_IP,
        },
      ]);
      const server = await startServer(container(world, 0), SERVER_PORT);
      try {
        expect(connect(outside, HOST_REMOTE_IP, HOST_PORT)).toBe(REMOTE_IP);
        expect(connect(outside, OTHER_HOST_IP, HOST_PORT)).toBeNull();
      } finally {
        await server.stop();
      }
    });

    test('masqAll masquerades traffic from outside too', async () => {
      const world = worlds.create(3);
      const outside = served(world, { masqAll: true }, [
        { hostPort: HOST_PORT, containerPort: SERVER_PORT, protocol: 'tcp' },
      ]);
      const server = await startServer(container(world, 0), SERVER_PORT);
      try {
        expect(connect(outside, HOST_REMOTE_IP, HOST_PORT)).toBe(GATEWAY_V4);
      } finally {
        await server.stop();
      }
    });

    test('DEL stops the forwarding', async () => {
      const world = worlds.create(3);
      const outside = served(world, {}, [
        { hostPort: HOST_PORT, containerPort: SERVER_PORT, protocol: 'tcp' },
      ]);
      const server = await startServer(container(world, 0), SERVER_PORT);
      try {
        expect(connect(outside, HOST_REMOTE_IP, HOST_PORT)).toBe(REMOTE_IP);
        const { run, portmapConfig } = await import('./_test-world.ts');
        expect(run(world, worlds.bin, 'portmap', 'DEL', portmapConfig()).exitCode).toBe(0);
        expect(connect(outside, HOST_REMOTE_IP, HOST_PORT)).toBeNull();
      } finally {
        await server.stop();
      }
    });
  },
);
