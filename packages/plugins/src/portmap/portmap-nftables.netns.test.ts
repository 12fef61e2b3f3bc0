import { describe, expect, test } from 'bun:test';
import { type TestNetns, useTimeLimit } from '@cni-ts/plugin-kit/testing';
import { useWorlds } from '../../test/_use-worlds.ts';
import type { PluginWorld } from '../../test/_world.ts';
import { connect, startServer } from './_test-traffic.ts';
import { attach, CONTAINER_ID, chain, GATEWAY_V4, portmapConfig, run } from './_test-world.ts';

useTimeLimit('netns');

const worlds = useWorlds();
const { skip } = worlds;

const NFT = { backend: 'nftables' };
const HOST_PORT = 18080;

/** `nft list table <family> cni_hostport`, tabs and handles as nft prints them. */
function table(world: PluginWorld, family: 'ip' | 'ip6'): string {
  try {
    return world.host.exec(['nft', 'list', 'table', family, 'cni_hostport']);
  } catch {
    return '';
  }
}

function container(world: PluginWorld, n: number): TestNetns {
  const ns = world.containers[n];
  if (ns === undefined) throw new Error(`no container ${n}`);
  return ns;
}

/** The ip table after ADD of the §6.7 mappings: upstream's layout with the destination match. */
const IP_TABLE = `table ip cni_hostport {
	comment "CNI portmap plugin"
	chain hostports {
		tcp dport 18080 dnat to 10.244.52.2:80 comment "cid-chain1"
		udp dport 18053 dnat to 10.244.52.2:53 comment "cid-chain1"
		ip daddr 10.244.52.1 tcp dport 18081 dnat to 10.244.52.2:81 comment "cid-chain1"
	}

	chain hostip_hostports {
	}

	chain hostports_all {
		jump hostip_hostports
		jump hostports
	}

	chain prerouting {
		type nat hook prerouting priority dstnat; policy accept;
		fib daddr type local jump hostports_all
	}

	chain output {
		type nat hook output priority -100; policy accept;
		fib daddr type local jump hostports_all
	}

	chain masquerading {
		type nat hook postrouting priority srcnat; policy accept;
		ip saddr 10.244.52.2 ip daddr 10.244.52.2 masquerade comment "cid-chain1"
		ip saddr 127.0.0.1 ip daddr 10.244.52.2 masquerade comment "cid-chain1"
	}
}
`;

const MAPPINGS = [
  { hostPort: 18080, containerPort: 80, protocol: 'tcp' },
  { hostPort: 18053, containerPort: 53, protocol: 'udp', hostIP: '0.0.0.0' },
  { hostPort: 18081, containerPort: 81, protocol: 'tcp', hostIP: GATEWAY_V4 },
];

describe.skipIf(skip !== null)(
  `portmap, nftables backend${skip === null ? '' : ` (skipped: ${skip})`}`,
  () => {
    test('ADD makes upstream layout with the destination match; CHECK, DEL twice', () => {
      const world = worlds.create();
      const { added, config } = chain(world, worlds.bin, NFT, { mappings: MAPPINGS });
      expect(added.stderr).toBe('');
      expect(added.exitCode).toBe(0);
      expect(table(world, 'ip')).toBe(IP_TABLE);
      expect(table(world, 'ip6')).toContain(
        'tcp dport 18080 dnat to [fd00:52::2]:80 comment "cid-chain1"',
      );
      expect(table(world, 'ip6')).not.toContain('18081');
      // No iptables rule was made.
      expect(world.host.exec(['iptables-save', '-t', 'nat'])).not.toContain('CNI-');
      const checked = run(world, worlds.bin, 'portmap', 'CHECK', config);
      expect({ exitCode: checked.exitCode, stdout: checked.stdout }).toEqual({
        exitCode: 0,
        stdout: '',
      });
      for (let i = 0; i < 2; i++) {
        const bare = portmapConfig(NFT, null);
        const del = run(world, worlds.bin, 'portmap', 'DEL', bare, { netns: '' });
        expect({ exitCode: del.exitCode, stdout: del.stdout }).toEqual({ exitCode: 0, stdout: '' });
      }
      expect(table(world, 'ip')).not.toContain(CONTAINER_ID);
      expect(table(world, 'ip6')).not.toContain(CONTAINER_ID);
    });

    test('CHECK fails when a rule was removed by hand', () => {
      const world = worlds.create();
      const { added, config } = chain(world, worlds.bin, NFT, { mappings: MAPPINGS });
      expect(added.exitCode).toBe(0);
      const listed = world.host.exec([
        'nft',
        '-a',
        'list',
        'chain',
        'ip',
        'cni_hostport',
        'hostports',
      ]);
      const handle = /dport 18053 .* # handle (\d+)/.exec(listed)?.[1] ?? '';
      world.host.exec([
        'nft',
        'delete',
        'rule',
        'ip',
        'cni_hostport',
        'hostports',
        'handle',
        handle,
      ]);
      const checked = run(world, worlds.bin, 'portmap', 'CHECK', config);
      expect(checked.exitCode).not.toBe(0);
      expect(checked.stdout).toContain('ip cni_hostport hostports');
    });

    test('a repeated ADD replaces the rules, conditions go before the fib match', () => {
      const world = worlds.create();
      const extra = { ...NFT, conditionsV4: ['ip', 'saddr', '!=', '192.0.2.0/24'] };
      const { prev } = chain(world, worlds.bin, extra, { mappings: MAPPINGS });
      const again = run(world, worlds.bin, 'portmap', 'ADD', {
        ...portmapConfig(extra, MAPPINGS),
        prevResult: prev,
      });
      expect(again.exitCode).toBe(0);
      const ip = table(world, 'ip');
      expect(ip.match(/comment "cid-chain1"/g)).toHaveLength(5);
      expect(ip).toContain('ip saddr != 192.0.2.0/24 fib daddr type local jump hostports_all');
    });

    test('traffic: host, localhost and outside reach the container; other destinations do not', async () => {
      const world = worlds.create(3);
      const { added } = chain(world, worlds.bin, NFT, {
        mappings: [
          { hostPort: HOST_PORT, containerPort: 80, protocol: 'tcp' },
          { hostPort: HOST_PORT + 1, containerPort: 80, protocol: 'tcp', hostIP: GATEWAY_V4 },
        ],
      });
      expect(added.exitCode).toBe(0);
      attach(world, worlds.bin, 1);
      const outside = container(world, 2);
      const host = (args: string) => world.host.exec(['ip', ...args.split(' ')]);
      host(`link add pm-r0 type veth peer name pm-r1 netns ${outside.name}`);
      host('addr add 192.168.77.1/24 dev pm-r0');
      host('link set pm-r0 up');
      outside.exec(['ip', 'addr', 'add', '192.168.77.2/24', 'dev', 'pm-r1']);
      outside.exec(['ip', 'link', 'set', 'pm-r1', 'up']);
      outside.exec(['ip', 'route', 'add', 'default', 'via', '192.168.77.1']);
      const server = await startServer(container(world, 0), 80);
      try {
        expect(connect(world.host, GATEWAY_V4, HOST_PORT)).toBe(GATEWAY_V4);
        expect(connect(world.host, '127.0.0.1', HOST_PORT)).toBe(GATEWAY_V4);
        expect(connect(outside, '192.168.77.1', HOST_PORT)).toBe('192.168.77.2');
        // hostIP: only that host address forwards.
        expect(connect(outside, GATEWAY_V4, HOST_PORT + 1)).toBe('192.168.77.2');
        expect(connect(outside, '192.168.77.1', HOST_PORT + 1)).toBeNull();
        // CVE-2025-67499: a packet routed through the host to another address (container
        // 1, where nothing listens) is not forwarded to container 0.
        expect(connect(outside, '10.244.52.3', HOST_PORT)).toBeNull();
        expect(connect(outside, '10.244.52.2', 80)).toBe('192.168.77.2');
      } finally {
        await server.stop();
      }
    });
  },
);
