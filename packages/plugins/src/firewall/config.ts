import { NetConfEntries } from '@cni-ts/spec-types';
import * as v from 'valibot';

/**
 * firewall's keys: `backend` (iptables, firewalld, nftables), `iptablesAdminChainName`
 * (default CNI-ADMIN), `firewalldZone` (default trusted), `ingressPolicy` (open,
 * same-bridge, isolated) and, ours, `dataDir`: where each attachment's addresses are kept
 * for GC. The values are checked by {@link firewallSettings}.
 */
export const FirewallConfigSchema = v.looseObject({
  ...NetConfEntries,
  backend: v.optional(v.string()),
  iptablesAdminChainName: v.optional(v.string()),
  firewalldZone: v.optional(v.string()),
  ingressPolicy: v.optional(v.string()),
  dataDir: v.optional(v.string()),
});

export type FirewallConfig = v.InferOutput<typeof FirewallConfigSchema>;
