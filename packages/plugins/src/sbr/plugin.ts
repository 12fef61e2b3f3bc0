// The body of the plugin, loaded on first use by index.ts: the config schema and the
// handlers.
// Each handler's module is loaded when its verb runs, so an ADD evaluates none of the
// code of the other verbs (issue 22).
import type { addSbr } from './add.ts';
import type { checkSbr } from './check.ts';
import { SbrConfigSchema } from './config.ts';
import type { delSbr } from './del.ts';

export const config = SbrConfigSchema;
export const add = async (ctx: Parameters<typeof addSbr>[0]) =>
  (await import('./add.ts')).addSbr(ctx);
export const del = async (ctx: Parameters<typeof delSbr>[0]) =>
  (await import('./del.ts')).delSbr(ctx);
export const check = async (ctx: Parameters<typeof checkSbr>[0]) =>
  (await import('./check.ts')).checkSbr(ctx);
