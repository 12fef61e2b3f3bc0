import { describe, expect, test } from 'bun:test';
import { useTimeLimit } from '@cni-ts/plugin-kit/testing';
import { useWorlds } from '../../test/_use-worlds.ts';
import { GO_PLUGIN_DIR, type PluginWorld, withPrev } from '../../test/_world.ts';
import { chain, DN_CHAIN, portmapConfig, portmapNat, run } from './_test-world.ts';

useTimeLimit('netns');

const worlds = useWorlds();
const { skip } = worlds;

/** ADD of bridge + portmap with `extra` keys in twin worlds (ours, Go's); both results and tables. */
function twins(
  extra: Record<string, unknown> = {},
  options: Parameters<typeof chain>[3] = {},
  prepare: (world: PluginWorld) => void = () => {},
) {
  const ours = worlds.create();
  const go = worlds.create();
  prepare(ours);
  prepare(go);
  const o = chain(ours, worlds.bin, extra, options);
  const g = chain(go, GO_PLUGIN_DIR, extra, options);
  return { ours, go, o, g };
}

describe.skipIf(skip !== null)(
  `portmap against the Go plugin${skip === null ? '' : ` (skipped: ${skip})`}`,
  () => {
    test('§6.7 mappings, dual stack: same result and same nat tables as Go', () => {
      const { ours, go, o, g } = twins();
      expect(o.added.stderr).toBe('');
      expect(o.added.exitCode).toBe(0);
      expect(g.added.exitCode).toBe(0);
      // prevResult echoed: byte for byte once the per-world veth names, MACs and paths go.
      expect(o.added.json).toEqual(o.prev);
      expect(g.added.json).toEqual(g.prev);
      const [v4, v6] = portmapNat(ours);
      expect(v4).toEqual(portmapNat(go)[0]);
      expect(v6).toEqual(portmapNat(go)[1]);
      expect(v4).toContain(
        `-A ${DN_CHAIN} -p tcp -m tcp --dport 18080 -j DNAT --to-destination 10.244.52.2:80`,
      );
      expect(v6.some((line) => line.includes('--to-destination [fd00:52::2]:443'))).toBe(true);
      expect(ours.host.exec(['sysctl', '-n', 'net.ipv4.conf.pur-pm0.route_localnet']).trim()).toBe(
        '1',
      );
    });

    const options: [string, Record<string, unknown>][] = [
      ['snat false', { snat: false }],
      ['markMasqBit 5', { markMasqBit: 5 }],
      [
        'conditionsV4 / conditionsV6',
        { conditionsV4: ['!', '-s', '192.0.2.0/24'], conditionsV6: ['!', '-s', '2001:db8::/32'] },
      ],
    ];
    for (const [label, extra] of options) {
      test(`${label}: same nat tables as Go`, () => {
        const { ours, go, o, g } = twins(extra);
        expect(o.added.stderr).toBe('');
        expect(o.added.exitCode).toBe(0);
        expect(g.added.exitCode).toBe(0);
        expect(portmapNat(ours)).toEqual(portmapNat(go));
      });
    }

    test('externalSetMarkChain: jumps to the admin chain, no mark chains, as Go', () => {
      const admin = (world: PluginWorld) => {
        for (const tool of ['iptables', 'ip6tables']) {
          world.host.exec([tool, '-t', 'nat', '-N', 'KUBE-MARK-MASQ']);
        }
      };
      const { ours, go, o, g } = twins({ externalSetMarkChain: 'KUBE-MARK-MASQ' }, {}, admin);
      expect(o.added.stderr).toBe('');
      expect(o.added.exitCode).toBe(0);
      expect(g.added.exitCode).toBe(0);
      expect(portmapNat(ours)).toEqual(portmapNat(go));
      expect(portmapNat(ours)[0].some((line) => line.includes('CNI-HOSTPORT-SETMARK'))).toBe(false);
    });

    test('16 tcp ports and an sctp one: the multiport split and protocol order of Go', () => {
      const mappings = [
        ...Array.from({ length: 16 }, (_, i) => ({
          hostPort: 20000 + i,
          containerPort: 80,
          protocol: 'tcp',
        })),
        { hostPort: 21000, containerPort: 21, protocol: 'sctp' },
      ];
      const { ours, go, o, g } = twins({}, { mappings, v4Only: true });
      expect(o.added.exitCode).toBe(0);
      expect(g.added.exitCode).toBe(0);
      expect(portmapNat(ours)).toEqual(portmapNat(go));
    });

    test('a hostIP of the host: the rules gain -d as Go writes them', () => {
      const mappings = [
        { hostPort: 18080, containerPort: 80, protocol: 'tcp', hostIP: '10.244.52.1' },
      ];
      const { ours, go, o, g } = twins({}, { mappings });
      expect(o.added.exitCode).toBe(0);
      expect(g.added.exitCode).toBe(0);
      expect(portmapNat(ours)).toEqual(portmapNat(go));
      expect(portmapNat(ours)[0].filter((line) => line.includes('-d 10.244.52.1/32'))).toHaveLength(
        3,
      );
    });

    test('DEL leaves what Go leaves: the shared chains, no per-container chain', () => {
      const { ours, go, o, g } = twins();
      const del = (world: typeof ours, dir: string, config: object) =>
        run(world, dir, 'portmap', 'DEL', config);
      expect(del(ours, worlds.bin, o.config).exitCode).toBe(0);
      expect(del(go, GO_PLUGIN_DIR, g.config).exitCode).toBe(0);
      expect(portmapNat(ours)).toEqual(portmapNat(go));
      expect(
        portmapNat(ours)
          .flat()
          .some((line) => line.includes(DN_CHAIN)),
      ).toBe(false);
      expect(
        portmapNat(ours)
          .flat()
          .some((line) => line.includes('CNI-HOSTPORT-DNAT')),
      ).toBe(true);
    });

    test('a second ADD of the same attachment leaves the same tables (no duplicates)', () => {
      const { ours, go, o } = twins();
      const again = run(ours, worlds.bin, 'portmap', 'ADD', withPrev(portmapConfig(), o.prev));
      expect(again.exitCode).toBe(0);
      expect(portmapNat(ours)).toEqual(portmapNat(go));
    });
  },
);
