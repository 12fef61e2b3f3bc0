import { IntSchema, NetConfEntries } from '@cni-ts/spec-types';
import * as v from 'valibot';

/** The ipvlan modes. */
export const IPVLAN_MODES = ['l2', 'l3', 'l3s'] as const;

/** An ipvlan mode. */
export type IpvlanModeName = (typeof IPVLAN_MODES)[number];

/** True for a mode name the plugin takes (`""` is not one: it means the default, l2). */
export function isIpvlanMode(text: string): text is IpvlanModeName {
  return (IPVLAN_MODES as readonly string[]).includes(text);
}

/**
 * ipvlan's keys (reference-plugins.md §2.1): `master` (default: the link of the default
 * route; chained, the one named interface of prevResult), `mode` (default l2), `mtu`,
 * `linkInContainer`, `ipam` (optional when chained and prevResult has IPs), `dns`.
 */
export const IpvlanConfigSchema = v.looseObject({
  ...NetConfEntries,
  master: v.optional(v.string()),
  mode: v.optional(v.string()),
  mtu: v.optional(IntSchema),
  linkInContainer: v.optional(v.boolean()),
});

/** ipvlan's config as parsed. */
export type IpvlanConfig = v.InferOutput<typeof IpvlanConfigSchema>;

/** The IPAM plugin's type, or '' when there is none. */
export function ipamType(config: IpvlanConfig): string {
  return config.ipam?.type ?? '';
}
