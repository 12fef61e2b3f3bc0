import { IntSchema, NetConfEntries, UintSchema } from '@cni-ts/spec-types';
import * as v from 'valibot';

const Uint32Schema = v.pipe(
  UintSchema,
  v.maxValue(0xffff_ffff, (issue) => `${String(issue.input)} is not a uint32`),
);

/**
 * tap's keys (reference-plugins.md §2.1): `mac`, `mtu`, `multiQueue`, `owner`, `group`,
 * `selinuxContext`, `bridge` (a bridge in the container to enslave the tap to), `ipam`
 * (optional), `dns`; `runtimeConfig.mac` and CNI_ARGS `MAC`.
 */
export const TapConfigSchema = v.looseObject({
  ...NetConfEntries,
  mac: v.optional(v.string()),
  mtu: v.optional(IntSchema),
  multiQueue: v.optional(v.boolean()),
  owner: v.optional(Uint32Schema),
  group: v.optional(Uint32Schema),
  selinuxContext: v.optional(v.string()),
  bridge: v.optional(v.string()),
});

/** tap's config as parsed. */
export type TapConfig = v.InferOutput<typeof TapConfigSchema>;

/** The CNI_ARGS keys tap reads. */
export const TAP_CNI_ARGS = ['MAC'] as const;

/** A CNI_ARGS key tap reads. */
export type TapCniArg = (typeof TAP_CNI_ARGS)[number];

/** The IPAM plugin's type, or '' when the tap is L2 only. */
export function ipamType(config: TapConfig): string {
  return config.ipam?.type ?? '';
}
