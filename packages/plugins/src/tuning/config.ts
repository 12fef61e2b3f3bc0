import {
  ArgsSchema,
  IntSchema,
  NetConfEntries,
  RuntimeConfigSchema,
  UintSchema,
} from '@cni-ts/spec-types';
import * as v from 'valibot';

/** A `sysctl` map: sysctl name (dots or slashes, may hold `IFNAME`) → value written as is. */
export const SysctlMapSchema = v.record(v.string(), v.string());

/** `args.cni`: per-container overrides of the config's keys (upstream's args.cni.*). */
const TuningArgsSchema = v.looseObject({
  ...ArgsSchema.entries,
  cni: v.optional(
    v.looseObject({
      ...v.unwrap(ArgsSchema.entries.cni).entries,
      sysctl: v.optional(SysctlMapSchema),
      mac: v.optional(v.string()),
      promisc: v.optional(v.boolean()),
      mtu: v.optional(IntSchema),
      allmulti: v.optional(v.boolean()),
      txQLen: v.optional(UintSchema),
    }),
  ),
});

/**
 * The tuning plugin's config (reference-plugins.md §2.3): `sysctl`, `mac`, `promisc`,
 * `mtu`, `allmulti`, `txQLen`, `dataDir` (where the original link attributes are kept
 * between ADD and DEL), the `mac` capability in `runtimeConfig` and overrides in
 * `args.cni`. Keys match as Go's encoding/json matches them; wrong types fail with code 7.
 */
export const TuningConfigSchema = v.looseObject({
  ...NetConfEntries,
  args: v.optional(TuningArgsSchema),
  runtimeConfig: v.optional(RuntimeConfigSchema),
  dataDir: v.optional(v.string()),
  sysctl: v.optional(v.nullable(SysctlMapSchema)),
  mac: v.optional(v.string()),
  promisc: v.optional(v.boolean()),
  mtu: v.optional(IntSchema),
  allmulti: v.optional(v.boolean()),
  txQLen: v.optional(UintSchema),
});

/** The tuning plugin's config as parsed. */
export type TuningConfig = v.InferOutput<typeof TuningConfigSchema>;

/** The CNI_ARGS keys tuning reads (upstream's MacEnvArgs). */
export const TUNING_CNI_ARGS = ['MAC'] as const;

/** A CNI_ARGS key tuning reads. */
export type TuningCniArg = (typeof TUNING_CNI_ARGS)[number];

/** Where the original link attributes are kept when the config names no `dataDir`. */
export const DEFAULT_DATA_DIR = '/run/cni/tuning';
