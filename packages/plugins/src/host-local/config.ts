import { NetConfEntries, RouteSchema } from '@cni-ts/spec-types';
import * as v from 'valibot';

// Addresses are kept as text here and parsed by ipam-config.ts, so that a bad one fails
// with upstream's message (and code 999) rather than the schema's.

/** One range as written: `subnet`, and optionally `rangeStart`, `rangeEnd`, `gateway`. */
export const RangeTextSchema = v.looseObject({
  subnet: v.optional(v.string()),
  rangeStart: v.optional(v.string()),
  rangeEnd: v.optional(v.string()),
  gateway: v.optional(v.string()),
});

/** One range as written. */
export type RangeText = v.InferOutput<typeof RangeTextSchema>;

/** The `ipam` section host-local reads: ranges (or the legacy single range), routes, store. */
export const HostLocalIpamSchema = v.looseObject({
  ...RangeTextSchema.entries,
  type: v.optional(v.string()),
  ranges: v.optional(v.array(v.array(RangeTextSchema))),
  routes: v.optional(v.array(RouteSchema)),
  dataDir: v.optional(v.string()),
  resolvConf: v.optional(v.string()),
});

/** host-local's config: the standard keys, its `ipam` section and the requested addresses. */
export const HostLocalConfigSchema = v.looseObject({
  ...NetConfEntries,
  ipam: v.optional(HostLocalIpamSchema),
  runtimeConfig: v.optional(
    v.looseObject({
      ipRanges: v.optional(v.array(v.array(RangeTextSchema))),
      ips: v.optional(v.array(v.string())),
    }),
  ),
  args: v.optional(
    v.looseObject({
      cni: v.optional(v.looseObject({ ips: v.optional(v.array(v.string())) })),
    }),
  ),
});

export type HostLocalConfig = v.InferOutput<typeof HostLocalConfigSchema>;

/** The CNI_ARGS key host-local understands: `IP=<address>` requests that address. */
export const HOST_LOCAL_ARGS = ['IP'] as const;
