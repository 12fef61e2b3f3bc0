import { NetConfEntries } from '@cni-ts/spec-types';
import * as v from 'valibot';

/** loopback reads nothing but the standard keys. */
export const LoopbackConfigSchema = v.looseObject({ ...NetConfEntries });

export type LoopbackConfig = v.InferOutput<typeof LoopbackConfigSchema>;
