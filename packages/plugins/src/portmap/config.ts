import { IntSchema, NetConfEntries } from '@cni-ts/spec-types';
import * as v from 'valibot';

/**
 * portmap's keys (reference-plugins.md §2.3): `snat` (default true), `masqAll`,
 * `markMasqBit` (0–31, default 13), `externalSetMarkChain`, `conditionsV4`/`conditionsV6`
 * (words added to the DNAT entry rules), `backend` and, ours, `dataDir` (where the nftables
 * backend records each attachment's network for GC); the mappings come from
 * `runtimeConfig.portMappings`. Ranges and combinations are checked by {@link portMapSettings}.
 */
export const PortMapConfigSchema = v.looseObject({
  ...NetConfEntries,
  snat: v.optional(v.boolean()),
  masqAll: v.optional(v.boolean()),
  markMasqBit: v.optional(IntSchema),
  externalSetMarkChain: v.optional(v.string()),
  conditionsV4: v.optional(v.array(v.string())),
  conditionsV6: v.optional(v.array(v.string())),
  backend: v.optional(v.string()),
  /** Ours: where ADD records the network of each nftables attachment (default /run/cni/portmap). */
  dataDir: v.optional(v.string()),
});

export type PortMapConfig = v.InferOutput<typeof PortMapConfigSchema>;
