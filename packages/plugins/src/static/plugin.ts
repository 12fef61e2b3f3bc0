// The body of the plugin, loaded on first use by index.ts: the config schema, the
// CNI_ARGS keys and the handlers.
// Each handler's module is loaded when its verb runs, so an ADD evaluates none of the
// code of the other verbs (issue 22).
import type { addStatic } from './add.ts';
import type { checkStatic } from './check.ts';
import { STATIC_ARGS, StaticConfigSchema } from './config.ts';

export const config = StaticConfigSchema;
export const args = { known: STATIC_ARGS };
export const add = async (ctx: Parameters<typeof addStatic>[0]) =>
  (await import('./add.ts')).addStatic(ctx);
export const check = async (ctx: Parameters<typeof checkStatic>[0]) =>
  (await import('./check.ts')).checkStatic(ctx);
