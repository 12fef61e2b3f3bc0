import { describe, expect, test } from 'bun:test';
import { useTimeLimit } from '@cni-ts/plugin-kit/testing';
import { useWorlds } from '../../test/_use-worlds.ts';
import { GO_PLUGIN_DIR, type PluginWorld, withPrev } from '../../test/_world.ts';
import { attach, filterTables, firewallConfig, NET_A, run } from './_test-world.ts';

useTimeLimit('netns');

const worlds = useWorlds();
const { skip } = worlds;

/** The filter table's CNI chains and rules (both families). */
function cniRules(world: PluginWorld): string[] {
  return filterTables(world.host)
    .flat()
    .filter((line) => line.includes('CNI'));
}

describe.skipIf(skip !== null)(
  `firewall refuses bad input and makes nothing${skip === null ? '' : ` (skipped: ${skip})`}`,
  () => {
    test('bad values: code 7 with the key in the msg, and no chain or rule made', () => {
      const world = worlds.create(1);
      const prev = attach(world, 0, worlds.bin, NET_A);
      const cases: [object, string][] = [
        [{ backend: 'ipfw' }, 'backend: unknown backend "ipfw"'],
        [{ ingressPolicy: 'bogus' }, 'ingressPolicy: unknown ingress policy: "bogus"'],
        [
          { iptablesAdminChainName: 'A-CHAIN-NAME-OF-THIRTY-CHARS-X' },
          'iptablesAdminChainName: "A-CHAIN-NAME-OF-THIRTY-CHARS-X" is not a valid chain name',
        ],
      ];
      for (const [extra, msg] of cases) {
        for (const command of ['ADD', 'DEL', 'CHECK'] as const) {
          const config = withPrev(firewallConfig(world, NET_A, extra), prev);
          const ran = run(world, 0, worlds.bin, 'firewall', command, config);
          expect({ command, json: ran.json }).toEqual({ command, json: { code: 7, msg } });
        }
      }
      expect(cniRules(world)).toEqual([]);
    });

    test('wrong types: the decoding error names the key; nothing made', () => {
      const world = worlds.create(1);
      const prev = attach(world, 0, worlds.bin, NET_A);
      for (const key of ['ingressPolicy', 'backend', 'iptablesAdminChainName']) {
        const config = withPrev(firewallConfig(world, NET_A, { [key]: 5 }), prev);
        const ran = run(world, 0, worlds.bin, 'firewall', 'ADD', config);
        expect(ran.exitCode).toBe(1);
        const error = ran.json as { code: number; msg: string };
        expect(error.msg).toContain(key);
        expect([6, 7]).toContain(error.code);
      }
      expect(cniRules(world)).toEqual([]);
    });

    test('missing prevResult, or no interface for a policy: Go words, and nothing made (Go leaks)', () => {
      for (const dir of [worlds.bin, GO_PLUGIN_DIR]) {
        const world = worlds.create(1);
        const bare = firewallConfig(world, NET_A, { ingressPolicy: 'same-bridge' });
        for (const command of ['ADD', 'CHECK'] as const) {
          expect(run(world, 0, dir, 'firewall', command, bare).json).toEqual({
            code: 999,
            msg: 'missing prevResult from earlier plugin',
          });
        }
        const noIntf = withPrev(bare, {
          cniVersion: '1.0.0',
          ips: [{ address: '10.244.70.9/24' }],
        });
        expect(run(world, 0, dir, 'firewall', 'ADD', noIntf).json).toEqual({
          code: 999,
          msg: 'interface needs to be set for ingress policy "same-bridge", make sure to chain "firewall" plugin with "bridge"',
        });
        const leaked = cniRules(world).filter((line) => line.includes('10.244.70.9'));
        expect({ dir, leaked: leaked.length }).toEqual({
          dir,
          leaked: dir === GO_PLUGIN_DIR ? 2 : 0,
        });
        worlds.removeAll();
      }
    });

    test('an unknown policy: ours refuses first, Go adds the address rules and leaks them', () => {
      for (const dir of [worlds.bin, GO_PLUGIN_DIR]) {
        const world = worlds.create(1);
        const prev = attach(world, 0, worlds.bin, NET_A);
        const config = withPrev(firewallConfig(world, NET_A, { ingressPolicy: 'bogus' }), prev);
        const ran = run(world, 0, dir, 'firewall', 'ADD', config);
        expect(ran.exitCode).toBe(1);
        expect(cniRules(world).length).toBe(dir === GO_PLUGIN_DIR ? 6 : 0);
        worlds.removeAll();
      }
    });

    test('nftables: a bad policy makes no table either', () => {
      const world = worlds.create(1);
      const prev = attach(world, 0, worlds.bin, NET_A);
      const extra = { backend: 'nftables', ingressPolicy: 'bogus' };
      const ran = run(
        world,
        0,
        worlds.bin,
        'firewall',
        'ADD',
        withPrev(firewallConfig(world, NET_A, extra), prev),
      );
      expect(ran.json).toEqual({ code: 7, msg: 'ingressPolicy: unknown ingress policy: "bogus"' });
      expect(world.host.exec(['nft', 'list', 'tables'])).not.toContain('cni_plugins_firewall');
    });
  },
);
