// The network podman 4.3 writes with `podman network create` (bridge with host-local,
// portmap, firewall, tuning; ipMasq on), one per side of the chain benchmark, each with
// its own bridge, subnet and state directories.
import type { Side } from './bench-scenarios.ts';

/** What the chain benchmark needs of a side: its network name and conflist. */
export interface ChainNetwork {
  readonly name: string;
  readonly conflist: object;
}

/** The plugins the chain runs (host-local is bridge's delegate). */
export const CHAIN_PLUGINS = ['bridge', 'host-local', 'portmap', 'firewall', 'tuning'] as const;

/** The port mapping every ADD asks for, as podman passes `-p 18080:80`. */
export const CHAIN_PORT_MAPPINGS = [{ hostPort: 18080, containerPort: 80, protocol: 'tcp' }];

export function chainNetwork(side: Side, stateDir: string): ChainNetwork {
  const n = side === 'ours' ? 0 : 1;
  const name = `bench-chain-${side}`;
  return {
    name,
    conflist: {
      cniVersion: '0.4.0',
      name,
      plugins: [
        {
          type: 'bridge',
          bridge: `cnitsbch${n}`,
          isGateway: true,
          ipMasq: true,
          hairpinMode: true,
          ipam: {
            type: 'host-local',
            routes: [{ dst: '0.0.0.0/0' }],
            ranges: [[{ subnet: `10.99.${210 + n}.0/24`, gateway: `10.99.${210 + n}.1` }]],
            dataDir: `${stateDir}/ipam`,
          },
        },
        { type: 'portmap', capabilities: { portMappings: true } },
        { type: 'firewall', backend: '', dataDir: `${stateDir}/firewall` },
        { type: 'tuning', dataDir: `${stateDir}/tuning` },
      ],
    },
  };
}
