import { NetConfEntries, UintSchema } from '@cni-ts/spec-types';
import * as v from 'valibot';

/**
 * vrf's keys: `vrfname` (required, not empty) and `table` (a u32; 0 or absent picks the
 * lowest table id from 1 that no VRF in the namespace uses).
 */
export const VrfConfigSchema = v.looseObject({
  ...NetConfEntries,
  vrfname: v.pipe(
    v.optional(v.string(), ''),
    v.check((name) => name !== '', 'configuration is expected to have a valid vrf name'),
  ),
  table: v.optional(
    v.pipe(
      UintSchema,
      v.check((table) => table <= 0xffffffff, 'a routing table id is a 32-bit number'),
    ),
  ),
});

export type VrfConfig = v.InferOutput<typeof VrfConfigSchema>;
