import { NetConfEntries, UintSchema } from '@cni-ts/spec-types';
import * as v from 'valibot';

/**
 * bandwidth's keys: `ingressRate`, `ingressBurst`, `egressRate`, `egressBurst` (bits per
 * second and bits; 0 or absent is no limit), and `runtimeConfig.bandwidth` with the same
 * keys (the `bandwidth` capability), which counts only when the config has none of the four.
 * Whether rates and bursts go together is checked by {@link bandwidthLimits}.
 */
export const BandwidthConfigSchema = v.looseObject({
  ...NetConfEntries,
  ingressRate: v.optional(UintSchema),
  ingressBurst: v.optional(UintSchema),
  egressRate: v.optional(UintSchema),
  egressBurst: v.optional(UintSchema),
});

export type BandwidthConfig = v.InferOutput<typeof BandwidthConfigSchema>;
