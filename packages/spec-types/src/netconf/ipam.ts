import * as v from 'valibot';
import { CidrSchema, IpSchema } from '../schema/primitives.ts';
import { RouteSchema } from './route.ts';

/**
 * One address range: the shape shared by host-local's `ranges` and the `ipRanges`
 * capability. Host bits in `subnet` are the IPAM plugin's business, not the parser's.
 */
export const RangeSchema = /* @__PURE__ */ v.looseObject({
  subnet: CidrSchema,
  rangeStart: v.optional(IpSchema),
  rangeEnd: v.optional(IpSchema),
  gateway: v.optional(IpSchema),
});

/** One address range. */
export type Range = v.InferOutput<typeof RangeSchema>;

/** A range set: ranges of one family that one allocation picks from. */
export const RangeSetSchema = /* @__PURE__ */ v.array(RangeSchema);

/** A range set. */
export type RangeSet = v.InferOutput<typeof RangeSetSchema>;

/**
 * The `ipam` section. Only `type` is the spec's; `ranges` and `routes` follow the
 * conventions the IPAM plugins share and are checked when present. Every other key
 * belongs to the IPAM plugin and passes through.
 */
export const IpamSchema = /* @__PURE__ */ v.looseObject({
  type: v.optional(v.string()),
  ranges: v.optional(v.array(RangeSetSchema)),
  routes: v.optional(v.array(RouteSchema)),
});

/** The `ipam` section of a plugin config. */
export type Ipam = v.InferOutput<typeof IpamSchema>;
