import { DnsSchema, NetConfEntries, RouteSchema } from '@cni-ts/spec-types';
import * as v from 'valibot';

// Addresses are kept as text here and parsed by addresses.ts, so that a bad one fails with
// upstream's message (and code 999) rather than the schema's.

/** One configured address: `address` in CIDR notation and an optional `gateway`. */
export const StaticAddressSchema = v.looseObject({
  address: v.optional(v.string()),
  gateway: v.optional(v.string()),
});

/** The `ipam` section static reads: addresses, routes and DNS, all returned as given. */
export const StaticIpamSchema = v.looseObject({
  type: v.optional(v.string()),
  addresses: v.optional(v.array(StaticAddressSchema)),
  routes: v.optional(v.array(RouteSchema)),
  dns: v.optional(DnsSchema),
});

/** static's config: the standard keys, its `ipam` section and the address overrides. */
export const StaticConfigSchema = v.looseObject({
  ...NetConfEntries,
  ipam: v.optional(StaticIpamSchema),
  runtimeConfig: v.optional(v.looseObject({ ips: v.optional(v.array(v.string())) })),
  args: v.optional(
    v.looseObject({
      cni: v.optional(v.looseObject({ ips: v.optional(v.array(v.string())) })),
    }),
  ),
});

export type StaticConfig = v.InferOutput<typeof StaticConfigSchema>;

/** The CNI_ARGS keys static understands: `IP` (CIDRs) and `GATEWAY` (addresses), comma-separated. */
export const STATIC_ARGS = ['IP', 'GATEWAY'] as const;

/** The CNI_ARGS keys static understands. */
export type StaticArg = (typeof STATIC_ARGS)[number];
