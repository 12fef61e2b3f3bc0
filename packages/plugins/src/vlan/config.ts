import { IntSchema, NetConfEntries } from '@cni-ts/spec-types';
import * as v from 'valibot';

/**
 * vlan's keys (reference-plugins.md §2.1): `master` (required), `vlanId` (1…4094),
 * `mtu` (0 … the master's), `linkInContainer`, `ipam` (required), `dns`.
 */
export const VlanConfigSchema = v.looseObject({
  ...NetConfEntries,
  master: v.optional(v.string()),
  vlanId: v.optional(IntSchema),
  mtu: v.optional(IntSchema),
  linkInContainer: v.optional(v.boolean()),
});

/** vlan's config as parsed. */
export type VlanConfig = v.InferOutput<typeof VlanConfigSchema>;

/** The IPAM plugin's type, or '' when there is none (ADD refuses that). */
export function ipamType(config: VlanConfig): string {
  return config.ipam?.type ?? '';
}
