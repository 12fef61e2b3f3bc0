// The body of the plugin, loaded on first use by index.ts: the config schema, the
// CNI_ARGS keys and the handlers.
// Each handler's module is loaded when its verb runs, so an ADD evaluates none of the
// code of the other verbs (issue 22).
import type { addTuning } from './add.ts';
import type { checkTuning } from './check.ts';
import { TUNING_CNI_ARGS, TuningConfigSchema } from './config.ts';
import type { delTuning } from './del.ts';

export const config = TuningConfigSchema;
export const args = { known: TUNING_CNI_ARGS };
export const add = async (ctx: Parameters<typeof addTuning>[0]) =>
  (await import('./add.ts')).addTuning(ctx);
export const del = async (ctx: Parameters<typeof delTuning>[0]) =>
  (await import('./del.ts')).delTuning(ctx);
export const check = async (ctx: Parameters<typeof checkTuning>[0]) =>
  (await import('./check.ts')).checkTuning(ctx);
