// Issue 22: a plugin exec is one short process, and JavaScriptCore compiles each
// JavaScript-implemented builtin (map, filter, find, some, every, forEach, flatMap,
// findIndex, reduce, the spread of an iterator…) from its source on the first call, 50-150
// µs apiece. The ADD and DEL paths below call none of them (plugin-kit's mapItems stands in for
// map, and valibot's validation of these configs calls none either). Each ADD
// runs with BUN_JSC_dumpGeneratedBytecodes, which names every function the process runs
// for the first time, builtins included; DEL with the same dump.
import { describe, expect, test } from 'bun:test';
import { useTimeLimit } from '@cni-ts/plugin-kit/testing';
import { useWorlds } from './_use-worlds.ts';
import { containerOf, type PluginWorld, runPlugin } from './_world.ts';

useTimeLimit('netns');

const worlds = useWorlds();
const { skip } = worlds;

/** The builtins the hot paths avoid (flatMap runs its two helpers too). */
const AVOIDED = new Set([
  'map',
  'every',
  'some',
  'find',
  'findIndex',
  'filter',
  'forEach',
  'flatMap',
  'flatIntoArray',
  'flatIntoArrayWithCallback',
  'reduce',
  'performIteration',
]);

/** A dump line starts with the function's name, its hash and the code block's address. */
const DUMP_LINE = /^(\S*)#[A-Za-z0-9]{6}:\[/;

function prevResult(world: PluginWorld) {
  return {
    cniVersion: '1.0.0',
    interfaces: [{ name: 'bltbr0' }, { name: 'eth0', sandbox: containerOf(world).path }],
    ips: [{ interface: 1, address: '10.251.3.5/24', gateway: '10.251.3.1' }],
  };
}

const SCENARIOS: Record<string, { type: string; config: (world: PluginWorld) => object }> = {
  loopback: {
    type: 'loopback',
    config: () => ({ cniVersion: '1.0.0', name: 'bltlo', type: 'loopback' }),
  },
  'bridge + host-local': {
    type: 'bridge',
    config: (world) => ({
      cniVersion: '1.0.0',
      name: 'bltnet',
      type: 'bridge',
      bridge: 'bltbr0',
      isGateway: true,
      ipam: { type: 'host-local', ranges: [[{ subnet: '10.251.1.0/24' }]], dataDir: world.dataDir },
    }),
  },
  'ptp + host-local': {
    type: 'ptp',
    config: (world) => ({
      cniVersion: '1.0.0',
      name: 'bltnet',
      type: 'ptp',
      ipam: { type: 'host-local', ranges: [[{ subnet: '10.251.2.0/24' }]], dataDir: world.dataDir },
    }),
  },
  ...Object.fromEntries(
    (['iptables', 'nftables'] as const).flatMap((backend) => [
      [
        `firewall, ${backend}`,
        {
          type: 'firewall',
          config: (world: PluginWorld) => ({
            cniVersion: '1.0.0',
            name: 'bltnet',
            type: 'firewall',
            backend,
            ingressPolicy: 'same-bridge',
            dataDir: world.dataDir,
            prevResult: prevResult(world),
          }),
        },
      ],
      [
        `portmap, ${backend}`,
        {
          type: 'portmap',
          config: (world: PluginWorld) => ({
            cniVersion: '1.0.0',
            name: 'bltnet',
            type: 'portmap',
            backend,
            capabilities: { portMappings: true },
            runtimeConfig: {
              portMappings: [{ hostPort: 8080, containerPort: 80, protocol: 'tcp' }],
            },
            prevResult: prevResult(world),
          }),
        },
      ],
    ]),
  ),
};

describe.skipIf(skip !== null)(
  `the builtins an ADD runs${skip === null ? '' : ` (skipped: ${skip})`}`,
  () => {
    for (const [name, scenario] of Object.entries(SCENARIOS)) {
      test(`${name}: ADD and DEL run none of the avoided builtins`, () => {
        const world = worlds.create();
        const common = {
          binDir: worlds.bin,
          type: scenario.type,
          config: scenario.config(world),
          host: world.host,
          netns: containerOf(world).path,
          containerId: 'builtins-1',
        };
        for (const command of ['ADD', 'DEL'] as const) {
          const run = runPlugin({
            ...common,
            command,
            env: { BUN_JSC_dumpGeneratedBytecodes: '1' },
          });
          expect(run.exitCode, run.stdout).toBe(0);
          const ran: string[] = [];
          for (const line of run.stderr.split('\n')) {
            const match = DUMP_LINE.exec(line);
            if (match?.[1] !== undefined) ran.push(match[1]);
          }
          // The dump must have worked, or an empty list would prove nothing.
          expect(ran.length).toBeGreaterThan(100);
          expect([command, ran.filter((fn) => AVOIDED.has(fn))]).toEqual([command, []]);
        }
      });
    }
  },
);
