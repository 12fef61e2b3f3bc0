import { IntSchema, NetConfEntries, UintSchema } from '@cni-ts/spec-types';
import * as v from 'valibot';

/** The macvlan modes this plugin takes (`source` is ours: Debian's 1.1.1 refuses it). */
export const MACVLAN_MODES = ['bridge', 'private', 'vepa', 'passthru', 'source'] as const;

/** A macvlan mode. */
export type MacvlanModeName = (typeof MACVLAN_MODES)[number];

/** True for a mode name the plugin takes (`""` is not one: it means the default). */
export function isMacvlanMode(text: string): text is MacvlanModeName {
  return (MACVLAN_MODES as readonly string[]).includes(text);
}

/**
 * macvlan's keys (reference-plugins.md §2.1): `master` (default: the link of the default
 * route), `mode` (default bridge), `mtu` (0 … the master's), `mac`, `bcqueuelen`,
 * `linkInContainer`, `ipam` (optional: without a type the interface is L2 only), `dns`.
 * The mode and MTU are checked against the master when ADD runs, as upstream does.
 */
export const MacvlanConfigSchema = v.looseObject({
  ...NetConfEntries,
  master: v.optional(v.string()),
  mode: v.optional(v.string()),
  mtu: v.optional(IntSchema),
  mac: v.optional(v.string()),
  bcqueuelen: v.optional(
    v.pipe(
      UintSchema,
      v.maxValue(0xffff_ffff, (issue) => `bcqueuelen ${String(issue.input)} is not a uint32`),
    ),
  ),
  linkInContainer: v.optional(v.boolean()),
});

/** macvlan's config as parsed. */
export type MacvlanConfig = v.InferOutput<typeof MacvlanConfigSchema>;

/** The CNI_ARGS keys macvlan reads (upstream's MAC). */
export const MACVLAN_CNI_ARGS = ['MAC'] as const;

/** The IPAM plugin's type, or '' when the interface is L2 only. */
export function ipamType(config: MacvlanConfig): string {
  return config.ipam?.type ?? '';
}

/** A CNI_ARGS key macvlan reads. */
export type MacvlanCniArg = (typeof MACVLAN_CNI_ARGS)[number];
