import type { IpFamily } from '@cni-ts/spec-types';

/** The protocols a port mapping may name (upstream passes them to `-p`). */
export type PortMapProtocol = 'tcp' | 'udp' | 'sctp';

/** One validated entry of the `portMappings` capability. */
export interface PortMapEntry {
  readonly hostPort: number;
  readonly containerPort: number;
  readonly protocol: PortMapProtocol;
  /** A host address as given (v4 or v6, `0.0.0.0`/`::` for any), or absent. */
  readonly hostIP?: string;
}

/** What the portmap rules of one attachment depend on. */
export interface PortMapTarget {
  readonly network: string;
  readonly containerId: string;
  readonly mappings: readonly PortMapEntry[];
  /** Mark hairpin and localhost traffic for masquerading (upstream's default: true). */
  readonly snat: boolean;
  /** Mark every source, not just the container's subnet and 127.0.0.1. */
  readonly masqAll: boolean;
  /** The mark bit (0–31) of the kit's own SETMARK/MASQ chains (default 13). */
  readonly markMasqBit: number;
  /** A chain of the admin's that marks for masquerade; then the kit makes none. */
  readonly externalSetMarkChain?: string;
  /** Extra iptables words on the DNAT entry rules, per family. */
  readonly conditions?: Readonly<Partial<Record<IpFamily, readonly string[]>>>;
  /** The container's first address of each family, `ip/prefix` (none for DEL/GC). */
  readonly addresses: readonly string[];
}

/** One attachment GC must keep. */
export interface PortMapAttachment {
  readonly containerId: string;
}
