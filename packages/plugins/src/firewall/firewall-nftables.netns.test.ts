import { describe, expect, test } from 'bun:test';
import { useTimeLimit } from '@cni-ts/plugin-kit/testing';
import { lines } from '../../test/_kernel-state.ts';
import { useWorlds } from '../../test/_use-worlds.ts';
import { type PluginWorld, withPrev } from '../../test/_world.ts';
import {
  attachWithFirewall,
  filterTables,
  firewallConfig,
  NET_A,
  NET_B,
  run,
} from './_test-world.ts';

useTimeLimit('netns');

const worlds = useWorlds();
const { skip } = worlds;
const NFT = { backend: 'nftables' } as const;

/** `nft list table inet cni_plugins_firewall`, or [] when there is none. */
function firewallTable(world: PluginWorld): string[] {
  try {
    return lines(world.host.exec(['nft', 'list', 'table', 'inet', 'cni_plugins_firewall']));
  } catch {
    return [];
  }
}

const owner = (n: number, net: string) =>
  `comment "[0-9a-f]{16}-[0-9a-f]{16}, net: ${net}, if: eth0, id: cid-fw${n}"`;

/** What nft(8) makes of the layout the backend should write (rules with owners masked). */
const EXPECTED = `table inet cni_plugins_firewall {
	comment "CNI firewall plugin rules"
	chain forward {
		type filter hook forward priority filter; policy accept;
		jump isolation_stage_1
		jump cni_forward
	}
	chain cni_forward {
		jump CNI-ADMIN
		ip daddr 10.244.70.2 ct state established,related accept OWNER0
		ip saddr 10.244.70.2 accept OWNER0
		ip daddr 10.244.71.2 ct state established,related accept OWNER2
		ip saddr 10.244.71.2 accept OWNER2
	}
	chain CNI-ADMIN {
	}
	chain isolation_stage_1 {
		iifname "cnifw-b" oifname "cnifw-b" drop comment "CNI firewall plugin rules (ingressPolicy: isolated)"
		iifname "cnifw-b" oifname != "cnifw-b" jump isolation_stage_2 comment "CNI firewall plugin rules (ingressPolicy: isolated)"
		iifname "cnifw-a" oifname != "cnifw-a" jump isolation_stage_2 comment "CNI firewall plugin rules (ingressPolicy: same-bridge)"
	}
	chain isolation_stage_2 {
		oifname "cnifw-b" drop comment "CNI firewall plugin rules (ingressPolicy: isolated)"
		oifname "cnifw-a" drop comment "CNI firewall plugin rules (ingressPolicy: same-bridge)"
	}
}`;

describe.skipIf(skip !== null)(
  `firewall nftables backend${skip === null ? '' : ` (skipped: ${skip})`}`,
  () => {
    test('ADD writes the layout nft(8) makes from its text; nothing in iptables', () => {
      const world = worlds.create(3);
      const a = attachWithFirewall(world, 0, worlds.bin, NET_A, {
        ...NFT,
        ingressPolicy: 'same-bridge',
      });
      expect([a.added.exitCode, a.added.stderr]).toEqual([0, '']);
      const b = attachWithFirewall(world, 2, worlds.bin, NET_B, {
        ...NFT,
        ingressPolicy: 'isolated',
      });
      expect(b.added.exitCode).toBe(0);
      expect(a.added.json).toEqual(a.prev);
      const ours = firewallTable(world);
      // The same text through nft -f in a namespace of its own, then listed the same way.
      const twin = worlds.create(0);
      const text = EXPECTED.replaceAll(' OWNER0', ' comment "x0"').replaceAll(
        ' OWNER2',
        ' comment "x2"',
      );
      twin.host.exec(['sh', '-c', `printf '%s\\n' '${text.replaceAll("'", "'\\''")}' | nft -f -`]);
      const masked = ours.map((line) =>
        line
          .replace(new RegExp(owner(0, NET_A.name)), 'comment "x0"')
          .replace(new RegExp(owner(2, NET_B.name)), 'comment "x2"'),
      );
      expect(masked).toEqual(firewallTable(twin));
      expect(
        filterTables(world.host)
          .flat()
          .filter((line) => line.includes('CNI')),
      ).toEqual([]);
      // ADD again (a retry): nothing doubles.
      expect(run(world, 0, worlds.bin, 'firewall', 'ADD', a.config).exitCode).toBe(0);
      expect(firewallTable(world)).toEqual(ours);
    });

    test('CHECK, DEL twice, DEL without prevResult or netns, and GC', () => {
      const world = worlds.create(3);
      const a0 = attachWithFirewall(world, 0, worlds.bin, NET_A, NFT);
      attachWithFirewall(world, 1, worlds.bin, NET_A, NFT);
      attachWithFirewall(world, 2, worlds.bin, NET_A, NFT);
      expect(run(world, 0, worlds.bin, 'firewall', 'CHECK', a0.config).exitCode).toBe(0);
      for (let i = 0; i < 2; i++) {
        expect(run(world, 0, worlds.bin, 'firewall', 'DEL', a0.config).exitCode).toBe(0);
      }
      expect(run(world, 0, worlds.bin, 'firewall', 'CHECK', a0.config).json).toEqual({
        code: 999,
        msg: 'expected rule [ip daddr 10.244.70.2 ct state established,related accept] not found',
      });
      const bare = firewallConfig(world, NET_A, NFT);
      expect(run(world, 1, worlds.bin, 'firewall', 'DEL', bare, { netns: '' }).exitCode).toBe(0);
      let table = firewallTable(world).join('\n');
      expect(table).not.toContain('10.244.70.2 ');
      expect(table).not.toContain('10.244.70.3 ');
      expect(table).toContain('10.244.70.4 ');
      const gc = {
        ...bare,
        cniVersion: '1.1.0',
        'cni.dev/valid-attachments': [{ containerID: 'cid-fw9', ifname: 'eth0' }],
      };
      expect(run(world, 0, worlds.bin, 'firewall', 'GC', gc, { netns: '' }).exitCode).toBe(0);
      table = firewallTable(world).join('\n');
      expect(table).not.toContain('10.244.70.4 ');
      expect(table).toContain('jump CNI-ADMIN');
    });

    test('dual stack: both families in the one inet table', () => {
      const world = worlds.create(1);
      const config = {
        cniVersion: '1.0.0',
        name: NET_B.name,
        type: 'bridge',
        bridge: NET_B.bridge,
        isGateway: true,
        ipam: {
          type: 'host-local',
          dataDir: world.dataDir,
          ranges: [[{ subnet: NET_B.subnet }], [{ subnet: 'fd00:fa::/64' }]],
        },
      };
      const prev = run(world, 0, worlds.bin, 'bridge', 'ADD', config).json;
      const fw = withPrev(firewallConfig(world, NET_B, NFT), prev);
      expect(run(world, 0, worlds.bin, 'firewall', 'ADD', fw).exitCode).toBe(0);
      expect(run(world, 0, worlds.bin, 'firewall', 'CHECK', fw).exitCode).toBe(0);
      const table = firewallTable(world).join('\n');
      expect(table).toContain('ip6 saddr fd00:fa::2 accept');
      expect(table).toContain('ip6 daddr fd00:fa::2 ct state established,related accept');
    });
  },
);
