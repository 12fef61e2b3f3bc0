import type { TestNetns } from '@cni-ts/plugin-kit/testing';
import type { BenchStack } from './bench-args.ts';
import { seedConntrack } from './bench-conntrack.ts';

// What the benchmark measures: each scenario is one network config run by both sides (our
// multicall binary and the Go reference plugins), each side on its own network name,
// bridge and subnets so that neither sees the other's state.

/** Which implementation runs. */
export type Side = 'ours' | 'go';
export const SIDES: readonly Side[] = ['ours', 'go'];

/** The verbs measured. */
export type BenchVerb = 'ADD' | 'DEL' | 'VERSION';

export interface Scenario {
  readonly name: string;
  /** The plugin started (the config's type). */
  readonly type: string;
  /** Plugin names our directory must hold for the scenario to run. */
  readonly needs: readonly string[];
  /** `pair`: ADD then DEL in a fresh container namespace; `version`: CNI_COMMAND=VERSION. */
  readonly kind: 'pair' | 'version';
  /**
   * A `version` exec through `ip netns exec <host>`, as every pair exec is run, instead of
   * directly: the start-up a pair exec's time holds, to subtract from it.
   */
  readonly viaHost?: boolean;
  /** The most ours may take, as a ratio of Go's median, per verb (the issue's targets). */
  readonly targets: Partial<Record<BenchVerb, number>>;
  /** The network config for one side; `dataDir` is the host-local state directory. */
  config(side: Side, dataDir: string): Record<string, unknown>;
  /** Prepares the host namespace (both sides share it) before the first round. */
  readonly prepareHost?: (host: TestNetns) => void;
}

const CNI_VERSION = '1.0.0'; // the newest the Go plugins (1.1.1) accept

/** Targets from the issue: with ipMasq ADD <= 0.5x and DEL <= 0.3x, without it <= 1x. */
const MASQ_TARGETS = { ADD: 0.5, DEL: 0.3 } as const;
const PLAIN_TARGETS = { ADD: 1, DEL: 1 } as const;
/** Cold start: at most twice Go's (and 1.3x a Bun hello-world, see bench-floor.ts). */
const VERSION_TARGETS = { VERSION: 2 } as const;

/** Network number `n` for a side: distinct subnets, bridge and network names. */
function net(index: number, side: Side): number {
  return index * 2 + (side === 'ours' ? 0 : 1);
}

function ipam(n: number, stack: BenchStack, dataDir: string, routes: boolean) {
  const ranges = [[{ subnet: `10.99.${n}.0/24` }]];
  if (stack === 'dual') ranges.push([{ subnet: `fd00:99:${n}::/64` }]);
  const defaults = stack === 'dual' ? ['0.0.0.0/0', '::/0'] : ['0.0.0.0/0'];
  return {
    type: 'host-local',
    ranges,
    ...(routes ? { routes: defaults.map((dst) => ({ dst })) } : {}),
    dataDir,
  };
}

function bridge(
  index: number,
  stack: BenchStack,
  ipMasq: boolean,
  ipMasqBackend?: 'nftables',
): Scenario {
  const masq = ipMasq
    ? `ipMasq${ipMasqBackend === undefined ? '' : ` ${ipMasqBackend}`}`
    : 'no-masq';
  return {
    name: `bridge+host-local ${masq} ${stack}`,
    type: 'bridge',
    needs: ['bridge', 'host-local'],
    kind: 'pair',
    targets: ipMasq ? MASQ_TARGETS : PLAIN_TARGETS,
    config(side, dataDir) {
      const n = net(index, side);
      return {
        cniVersion: CNI_VERSION,
        name: `bench-net${n}`,
        type: 'bridge',
        bridge: `bench-br${n}`,
        isGateway: true,
        isDefaultGateway: true,
        ipMasq,
        // The Go plugins (1.1.1) ignore the key and masquerade with iptables.
        ...(ipMasqBackend === undefined ? {} : { ipMasqBackend }),
        ipam: ipam(n, stack, dataDir, false),
      };
    },
  };
}

function ptp(index: number, stack: BenchStack, ipMasq: boolean): Scenario {
  return {
    name: `ptp+host-local ${ipMasq ? 'ipMasq' : 'no-masq'} ${stack}`,
    type: 'ptp',
    needs: ['ptp', 'host-local'],
    kind: 'pair',
    targets: ipMasq ? MASQ_TARGETS : PLAIN_TARGETS,
    config(side, dataDir) {
      const n = net(index, side);
      return {
        cniVersion: CNI_VERSION,
        name: `bench-net${n}`,
        type: 'ptp',
        ipMasq,
        mtu: 1400,
        ipam: ipam(n, stack, dataDir, true),
      };
    },
  };
}

/** Issue 24: the iptables backend at most 0.5x the Go portmap. */
const PORTMAP_TARGETS = { ADD: 0.5, DEL: 0.5 } as const;

/** What a portmap scenario's host holds: an empty conntrack table, or a tracked flow. */
type PortmapVariant = 'mappings' | 'no mappings' | 'busy conntrack';

/**
 * portmap alone with a prevResult as bridge would give it (the container's addresses on
 * eth0 in a sandbox), two mappings (none for `no mappings`); Go 1.1.1 ignores `backend`
 * and uses iptables. The throwaway host's conntrack table is empty, so the UDP mapping's
 * flush has nothing to walk; `busy conntrack` puts a flow there first, as on a real host,
 * and both sides then walk the kernel's conntrack hash.
 */
function portmap(
  index: number,
  stack: BenchStack,
  backend: 'iptables' | 'nftables',
  variant: PortmapVariant = 'mappings',
): Scenario {
  const mappings = variant !== 'no mappings';
  const busy = variant === 'busy conntrack';
  return {
    name: `portmap ${backend}${variant === 'mappings' ? '' : `, ${variant}`} ${stack}`,
    type: 'portmap',
    needs: ['portmap'],
    kind: 'pair',
    targets: backend === 'iptables' && mappings ? PORTMAP_TARGETS : {},
    ...(busy ? { prepareHost: seedConntrack } : {}),
    config(side) {
      const n = net(index, side);
      const ips = [{ interface: 0, address: `10.99.${n}.2/24` }];
      if (stack === 'dual') ips.push({ interface: 0, address: `fd00:99:${n}::2/64` });
      return {
        cniVersion: CNI_VERSION,
        name: `bench-net${n}`,
        type: 'portmap',
        backend,
        runtimeConfig: {
          portMappings: mappings
            ? [
                { hostPort: 18000 + n, containerPort: 80, protocol: 'tcp' },
                { hostPort: 19000 + n, containerPort: 53, protocol: 'udp' },
              ]
            : [],
        },
        prevResult: {
          cniVersion: CNI_VERSION,
          interfaces: [{ name: 'eth0', sandbox: '/var/run/netns/bench' }],
          ips,
        },
      };
    },
  };
}

/**
 * VERSION started as the pair execs are (through `ip netns exec`): what a plugin exec that
 * does nothing would cost in those rows, so that "over VERSION" compares like with like.
 */
export const VERSION_VIA_HOST = 'VERSION via ip netns exec';

const loopbackConfig = (): Record<string, unknown> => ({
  cniVersion: CNI_VERSION,
  name: 'bench-lo',
  type: 'loopback',
});

/** Every scenario for the given stacks, in the order they run. */
export function benchScenarios(stacks: readonly BenchStack[]): Scenario[] {
  const list: Scenario[] = [
    {
      name: 'startup (VERSION)',
      type: 'loopback',
      needs: ['loopback'],
      kind: 'version',
      targets: VERSION_TARGETS,
      config: loopbackConfig,
    },
    {
      name: VERSION_VIA_HOST,
      type: 'loopback',
      needs: ['loopback'],
      kind: 'version',
      viaHost: true,
      targets: {},
      config: loopbackConfig,
    },
    {
      name: 'loopback',
      type: 'loopback',
      needs: ['loopback'],
      kind: 'pair',
      targets: {},
      config: loopbackConfig,
    },
  ];
  let index = 0;
  for (const stack of stacks) {
    list.push(
      bridge(index++, stack, true),
      bridge(index++, stack, true, 'nftables'),
      bridge(index++, stack, false),
      ptp(index++, stack, true),
      ptp(index++, stack, false),
      portmap(index++, stack, 'iptables'),
      portmap(index++, stack, 'nftables'),
      // The same plugin doing nothing (prevResult passed through): what the mappings cost.
      portmap(index++, stack, 'nftables', 'no mappings'),
      portmap(index++, stack, 'iptables', 'busy conntrack'),
      portmap(index++, stack, 'nftables', 'busy conntrack'),
    );
  }
  return list;
}
