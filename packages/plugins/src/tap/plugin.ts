// The body of the plugin, loaded on first use by index.ts: the config schema, the
// CNI_ARGS keys and the handlers.
// Each handler's module is loaded when its verb runs, so an ADD evaluates none of the
// code of the other verbs (issue 22).
import type { addTap } from './add.ts';
import type { checkTap } from './check.ts';
import { TAP_CNI_ARGS, TapConfigSchema } from './config.ts';
import type { delTap } from './del.ts';
import type { gcTap } from './gc.ts';
import type { statusTap } from './status.ts';

export const config = TapConfigSchema;
export const args = { known: TAP_CNI_ARGS };
export const add = async (ctx: Parameters<typeof addTap>[0]) =>
  (await import('./add.ts')).addTap(ctx);
export const del = async (ctx: Parameters<typeof delTap>[0]) =>
  (await import('./del.ts')).delTap(ctx);
export const check = async (ctx: Parameters<typeof checkTap>[0]) =>
  (await import('./check.ts')).checkTap(ctx);
export const status = async (ctx: Parameters<typeof statusTap>[0]) =>
  (await import('./status.ts')).statusTap(ctx);
export const gc = async (ctx: Parameters<typeof gcTap>[0]) => (await import('./gc.ts')).gcTap(ctx);
