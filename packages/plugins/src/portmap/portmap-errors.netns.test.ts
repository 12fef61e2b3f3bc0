import { describe, expect, test } from 'bun:test';
import { useTimeLimit } from '@cni-ts/plugin-kit/testing';
import { useWorlds } from '../../test/_use-worlds.ts';
import { withPrev } from '../../test/_world.ts';
import { attach, MAPPINGS, portmapConfig, portmapNat, run } from './_test-world.ts';

useTimeLimit('netns');

const worlds = useWorlds();
const { skip } = worlds;

const tcp = (entry: Record<string, unknown>) => [
  { hostPort: 18080, containerPort: 80, protocol: 'tcp', ...entry },
];

/** A bad config: the keys that make it bad, the mappings, and the code and msg wanted. */
interface BadCase {
  readonly label: string;
  readonly extra?: Record<string, unknown>;
  readonly mappings?: unknown;
  readonly code: number;
  readonly msg: string | RegExp;
}

const CASES: readonly BadCase[] = [
  {
    label: 'host port 0',
    mappings: tcp({ hostPort: 0 }),
    code: 7,
    msg: 'runtimeConfig.portMappings[0].hostPort: Invalid host port number: 0',
  },
  {
    label: 'host port 70000',
    mappings: tcp({ hostPort: 70000 }),
    code: 7,
    msg: 'runtimeConfig.portMappings[0].hostPort: Invalid host port number: 70000',
  },
  {
    label: 'container port 0 in the second mapping',
    mappings: [...tcp({}), { hostPort: 18081, containerPort: 0, protocol: 'tcp' }],
    code: 7,
    msg: 'runtimeConfig.portMappings[1].containerPort: Invalid container port number: 0',
  },
  {
    label: 'unknown protocol',
    mappings: tcp({ protocol: 'icmp' }),
    code: 7,
    msg: 'runtimeConfig.portMappings[0].protocol: unknown protocol "icmp"',
  },
  {
    label: 'hostIP that does not parse',
    mappings: tcp({ hostIP: '10.0.0.300' }),
    code: 7,
    msg: 'runtimeConfig.portMappings[0].hostIP: invalid IP address "10.0.0.300"',
  },
  {
    label: 'hostPort of the wrong type',
    mappings: tcp({ hostPort: '18080' }),
    code: 7,
    msg: /hostPort/,
  },
  { label: 'snat of the wrong type', extra: { snat: 'yes' }, code: 7, msg: /snat/ },
  {
    label: 'markMasqBit 32',
    extra: { markMasqBit: 32 },
    code: 7,
    msg: 'markMasqBit: MasqMarkBit must be between 0 and 31',
  },
  {
    label: 'markMasqBit with externalSetMarkChain',
    extra: { markMasqBit: 3, externalSetMarkChain: 'KUBE-MARK-MASQ' },
    code: 7,
    msg: 'externalSetMarkChain: Cannot specify externalSetMarkChain and markMasqBit',
  },
  {
    label: 'unknown backend',
    extra: { backend: 'ebpf' },
    code: 7,
    msg: 'backend: unknown portmap backend "ebpf"',
  },
  {
    label: 'iptables options with the nftables backend',
    extra: { backend: 'nftables', markMasqBit: 5 },
    code: 7,
    msg: 'backend: nftables backend was requested but configuration contains iptables-specific options [markMasqBit]',
  },
  {
    label: 'nftables conditions with the iptables backend',
    extra: { backend: 'iptables', conditionsV4: ['ip', 'saddr', '192.0.2.1'] },
    code: 7,
    msg: 'backend: iptables backend was requested but configuration contains nftables-specific options [conditionsV4]',
  },
  {
    label: 'nftables conditions the kit cannot read',
    extra: { backend: 'nftables', conditionsV4: ['tcp', 'dport', '22'] },
    code: 7,
    msg: 'conditionsV4: unsupported nftables condition "tcp dport 22": unknown match "tcp"',
  },
  {
    label: 'conditions that do not parse',
    extra: { conditionsV4: ['--no-such-option', 'x'] },
    code: 7,
    msg: /^conditionsV4\/conditionsV6: iptables refused the rules: /,
  },
  {
    label: 'an empty condition word',
    extra: { conditionsV6: ['-s', ''] },
    code: 7,
    msg: /^conditionsV6\[1\]: /,
  },
];

describe.skipIf(skip !== null)(
  `portmap bad input${skip === null ? '' : ` (skipped: ${skip})`}`,
  () => {
    for (const bad of CASES) {
      test(`${bad.label}: code ${bad.code}, the key named, nothing made`, () => {
        const world = worlds.create();
        const prev = attach(world, worlds.bin);
        const config = withPrev(portmapConfig(bad.extra ?? {}, bad.mappings ?? MAPPINGS), prev);
        const added = run(world, worlds.bin, 'portmap', 'ADD', config);
        expect(added.exitCode).not.toBe(0);
        const error = added.json as { code: number; msg: string };
        expect(error.code).toBe(bad.code);
        if (typeof bad.msg === 'string') expect(error.msg).toBe(bad.msg);
        else expect(error.msg).toMatch(bad.msg);
        expect(portmapNat(world).flat()).toEqual([]);
      });
    }

    test('missing prevResult: code 7 naming prevResult, nothing made', () => {
      const world = worlds.create();
      const added = run(world, worlds.bin, 'portmap', 'ADD', portmapConfig());
      expect(added.json).toEqual({
        code: 7,
        msg: 'prevResult: must be called as chained plugin',
      });
      expect(portmapNat(world).flat()).toEqual([]);
    });
  },
);
