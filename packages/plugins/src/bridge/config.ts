import { ArgsSchema, IntSchema, NetConfEntries, RuntimeConfigSchema } from '@cni-ts/spec-types';
import * as v from 'valibot';

/** One `vlanTrunk` entry: a single VID (`id`) and/or a range (`minID`…`maxID`). */
export const VlanTrunkEntrySchema = v.looseObject({
  id: v.optional(IntSchema),
  minID: v.optional(IntSchema),
  maxID: v.optional(IntSchema),
});

/** One `vlanTrunk` entry. */
export type VlanTrunkEntry = v.InferOutput<typeof VlanTrunkEntrySchema>;

/** `args`, with the container MAC under `args.cni.mac`. */
const BridgeArgsSchema = v.looseObject({
  ...ArgsSchema.entries,
  cni: v.optional(
    v.looseObject({
      ...v.unwrap(ArgsSchema.entries.cni).entries,
      mac: v.optional(v.string()),
    }),
  ),
});

/**
 * The bridge plugin's config (reference-plugins.md §2.1). Keys are matched as Go's
 * encoding/json matches them (case-insensitively); wrong types fail with code 7. Defaults
 * are applied by {@link bridgeSettings}, not here, so that the parsed config stays what
 * the runtime sent.
 */
export const BridgeConfigSchema = v.looseObject({
  ...NetConfEntries,
  args: v.optional(BridgeArgsSchema),
  runtimeConfig: v.optional(RuntimeConfigSchema),
  bridge: v.optional(v.string()),
  isGateway: v.optional(v.boolean()),
  isDefaultGateway: v.optional(v.boolean()),
  forceAddress: v.optional(v.boolean()),
  ipMasq: v.optional(v.boolean()),
  ipMasqBackend: v.optional(v.string()),
  mtu: v.optional(IntSchema),
  hairpinMode: v.optional(v.boolean()),
  promiscMode: v.optional(v.boolean()),
  vlan: v.optional(IntSchema),
  vlanTrunk: v.optional(v.array(VlanTrunkEntrySchema)),
  preserveDefaultVlan: v.optional(v.boolean()),
  macspoofchk: v.optional(v.boolean()),
  enabledad: v.optional(v.boolean()),
  disableContainerInterface: v.optional(v.boolean()),
  portIsolation: v.optional(v.boolean()),
});

/** The bridge plugin's config as parsed. */
export type BridgeConfig = v.InferOutput<typeof BridgeConfigSchema>;

/** The CNI_ARGS keys the bridge plugin reads (upstream's MacEnvArgs). */
export const BRIDGE_CNI_ARGS = ['MAC'] as const;

/** A CNI_ARGS key the bridge plugin reads. */
export type BridgeCniArg = (typeof BRIDGE_CNI_ARGS)[number];
