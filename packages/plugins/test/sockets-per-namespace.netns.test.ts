// Issue 22: one route socket per namespace. A bridge or ptp ADD (host-local in process)
// opens exactly two netlink sockets, one in the host namespace and one in the container's,
// and shares them between its steps; DEL opens at most the same. Counted with strace.
import { describe, expect, test } from 'bun:test';
import { useTimeLimit } from '@cni-ts/plugin-kit/testing';
import { useWorlds } from './_use-worlds.ts';
import { containerOf, type PluginWorld, runPlugin } from './_world.ts';

useTimeLimit('netns');

const worlds = useWorlds();
const { skip } = worlds;

const CONFIGS = {
  bridge: (dataDir: string) => ({
    cniVersion: '1.0.0',
    name: 'socknet',
    type: 'bridge',
    bridge: 'sockbr0',
    isGateway: true,
    ipam: { type: 'host-local', ranges: [[{ subnet: '10.250.9.0/24' }]], dataDir },
  }),
  ptp: (dataDir: string) => ({
    cniVersion: '1.0.0',
    name: 'socknet',
    type: 'ptp',
    ipam: { type: 'host-local', ranges: [[{ subnet: '10.250.10.0/24' }]], dataDir },
  }),
} as const;

/** How many netlink sockets one run of the plugin opened, from strace's socket(2) lines. */
function netlinkSockets(world: PluginWorld, type: keyof typeof CONFIGS, command: 'ADD' | 'DEL') {
  const run = runPlugin({
    binDir: worlds.bin,
    type,
    command,
    config: CONFIGS[type](world.dataDir),
    host: world.host,
    netns: containerOf(world).path,
    containerId: 'sockets-1',
    wrapper: ['strace', '-f', '-qq', '-e', 'trace=socket'], // to stderr
  });
  if (run.exitCode !== 0) throw new Error(`${type} ${command}: ${run.stdout}${run.stderr}`);
  return run.stderr.split('\n').filter((line) => line.includes('socket(AF_NETLINK')).length;
}

describe.skipIf(skip !== null)(
  `one netlink socket per namespace${skip === null ? '' : ` (skipped: ${skip})`}`,
  () => {
    for (const type of ['bridge', 'ptp'] as const) {
      test(`${type} ADD opens two (host and container), DEL no more`, () => {
        const world = worlds.create();
        expect(netlinkSockets(world, type, 'ADD')).toBe(2);
        expect(netlinkSockets(world, type, 'DEL')).toBeLessThanOrEqual(2);
      });
    }
  },
);
