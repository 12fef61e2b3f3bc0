// The body of the plugin, loaded on first use by index.ts: the config schema, the
// CNI_ARGS keys and the handlers.
import { addTuning } from './add.ts';
import { checkTuning } from './check.ts';
import { TUNING_CNI_ARGS, TuningConfigSchema } from './config.ts';
import { delTuning } from './del.ts';

export const config = TuningConfigSchema;
export const args = { known: TUNING_CNI_ARGS };
export const add = addTuning;
export const del = delTuning;
export const check = checkTuning;
