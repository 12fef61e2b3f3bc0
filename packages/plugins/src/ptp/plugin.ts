// The body of the plugin, loaded on first use by index.ts: the config schema, the
// CNI_ARGS keys and the handlers.
// Each handler's module is loaded when that verb runs, so an ADD evaluates none of the
// code of the other verbs (issue 22).
import type { addPtp } from './add.ts';
import type { checkPtp } from './check.ts';
import { PtpConfigSchema } from './config.ts';
import type { delPtp } from './del.ts';
import type { gcPtp } from './gc.ts';
import type { statusPtp } from './status.ts';

export const config = PtpConfigSchema;
export const add = async (ctx: Parameters<typeof addPtp>[0]) =>
  (await import('./add.ts')).addPtp(ctx);
export const del = async (ctx: Parameters<typeof delPtp>[0]) =>
  (await import('./del.ts')).delPtp(ctx);
export const check = async (ctx: Parameters<typeof checkPtp>[0]) =>
  (await import('./check.ts')).checkPtp(ctx);
export const status = async (ctx: Parameters<typeof statusPtp>[0]) =>
  (await import('./status.ts')).statusPtp(ctx);
export const gc = async (ctx: Parameters<typeof gcPtp>[0]) => (await import('./gc.ts')).gcPtp(ctx);
