import * as v from 'valibot';
import { CidrSchema, IntSchema, IpSchema } from '../schema/primitives.ts';

/**
 * A route as configs and results write it (`types.Route`): destination, optional gateway,
 * and the 1.1.0 extras (mtu, advmss, priority, table, scope).
 */
export const RouteSchema = /* @__PURE__ */ v.object({
  dst: CidrSchema,
  gw: v.optional(IpSchema),
  mtu: v.optional(IntSchema),
  advmss: v.optional(IntSchema),
  priority: v.optional(IntSchema),
  table: v.optional(IntSchema),
  scope: v.optional(IntSchema),
});

/** A route in a config or a result. */
export type Route = v.InferOutput<typeof RouteSchema>;
