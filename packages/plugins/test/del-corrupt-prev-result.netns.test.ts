// DEL never fails because of its prevResult (issue 21; a plugin-kit rule): every plugin of
// the multicall executable, present and future, takes DEL with a prevResult that does not
// parse, and bridge and ptp still remove everything a real ADD made. The Go bridge and
// ptp ignore prevResult on DEL too; ours used to refuse it with code 6 and leak.
import { describe, expect, test } from 'bun:test';
import { useTimeLimit } from '@cni-ts/plugin-kit/testing';
import { pluginNames } from '../src/registry.ts';
import { CORRUPT_PREV_RESULT } from './_crash.ts';
import { masqueradeLeftovers, reservedAddresses, veths } from './_kernel-state.ts';
import { useWorlds } from './_use-worlds.ts';
import { containerOf, type PluginWorld, runPlugin, withPrev } from './_world.ts';

useTimeLimit('netns');

const worlds = useWorlds();
const { skip } = worlds;

/** How a plugin is added before the DEL, and what it must leave afterwards. */
interface DelCase {
  readonly config: (dataDir: string) => Record<string, unknown>;
  /** ADD first (else DEL only, of an attachment that never was). */
  readonly add: boolean;
  /** The host-local network whose reservations must be gone. */
  readonly ipamNetwork?: string;
  /** Checks the host namespace is clean: no veth, no masquerade rule. */
  readonly hostClean?: boolean;
}

const hostLocalIpam = (dataDir: string, subnet: string) => ({
  type: 'host-local',
  dataDir,
  ranges: [[{ subnet }]],
});

/**
 * The plugins that need more than `{cniVersion, name, type}`. A plugin not listed runs with
 * that minimal config, so a new plugin is covered as soon as it is in the registry (and
 * fails here, asking for an entry, if it needs more).
 */
const CASES: Readonly<Record<string, DelCase>> = {
  bridge: {
    add: true,
    ipamNetwork: 'cp-brnet',
    hostClean: true,
    config: (dataDir) => ({
      name: 'cp-brnet',
      bridge: 'cp-br0',
      isGateway: true,
      ipMasq: true,
      ipam: hostLocalIpam(dataDir, '10.244.60.0/24'),
    }),
  },
  ptp: {
    add: true,
    ipamNetwork: 'cp-ptpnet',
    hostClean: true,
    config: (dataDir) => ({
      name: 'cp-ptpnet',
      ipMasq: true,
      ipam: hostLocalIpam(dataDir, '10.244.61.0/24'),
    }),
  },
  'host-local': {
    add: true,
    ipamNetwork: 'cp-hlnet',
    config: (dataDir) => ({ name: 'cp-hlnet', ipam: hostLocalIpam(dataDir, '10.244.62.0/24') }),
  },
  static: {
    add: true,
    config: () => ({
      name: 'cp-static',
      ipam: { type: 'static', addresses: [{ address: '10.244.63.5/24' }] },
    }),
  },
  loopback: { add: true, config: () => ({ name: 'cp-lo' }) },
  vrf: { add: false, config: () => ({ name: 'cp-vrf', vrfname: 'cp-blue' }) },
};

const MINIMAL: DelCase = { add: false, config: () => ({ name: 'cp-minimal' }) };

function runIn(world: PluginWorld, type: string, command: 'ADD' | 'DEL', config: object) {
  return runPlugin({
    binDir: worlds.bin,
    type,
    command,
    config,
    host: world.host,
    netns: containerOf(world).path,
    containerId: 'cid-corrupt',
  });
}

describe.skipIf(skip !== null)(
  `DEL with a corrupt prevResult${skip === null ? '' : ` (skipped: ${skip})`}`,
  () => {
    test('the registry lists the plugins this file knows (a new one runs with the minimal config)', () => {
      expect(pluginNames.length).toBeGreaterThanOrEqual(Object.keys(CASES).length);
      for (const name of Object.keys(CASES)) expect(pluginNames).toContain(name);
    });

    for (const type of pluginNames) {
      test(`${type}: DEL exits 0 and leaves nothing the ADD made`, () => {
        const world = worlds.create();
        const plugin = CASES[type] ?? MINIMAL;
        const config = { cniVersion: '1.0.0', type, ...plugin.config(world.dataDir) };
        if (plugin.add) {
          const add = runIn(world, type, 'ADD', config);
          expect({ exitCode: add.exitCode, stdout: add.stdout }).toMatchObject({ exitCode: 0 });
        }
        for (let i = 0; i < 2; i++) {
          const del = runIn(world, type, 'DEL', withPrev(config, CORRUPT_PREV_RESULT));
          expect({ exitCode: del.exitCode, stdout: del.stdout }).toEqual({
            exitCode: 0,
            stdout: '',
          });
        }
        if (plugin.ipamNetwork !== undefined) {
          expect(reservedAddresses(world.dataDir, plugin.ipamNetwork)).toEqual([]);
        }
        if (plugin.hostClean === true) {
          expect(veths(world.host).map((link) => link.ifname)).toEqual([]);
          expect(masqueradeLeftovers(world.host)).toEqual([]);
        }
      });
    }
  },
);
