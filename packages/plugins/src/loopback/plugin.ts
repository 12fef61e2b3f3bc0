// The body of the plugin, loaded on first use by index.ts: the config schema, the
// CNI_ARGS keys and the handlers.
// Each handler's module is loaded when its verb runs, so an ADD evaluates none of the
// code of the other verbs (issue 22).
import type { addLoopback } from './add.ts';
import type { checkLoopback } from './check.ts';
import { LoopbackConfigSchema } from './config.ts';
import type { delLoopback } from './del.ts';

export const config = LoopbackConfigSchema;
export const add = async (ctx: Parameters<typeof addLoopback>[0]) =>
  (await import('./add.ts')).addLoopback(ctx);
export const del = async (ctx: Parameters<typeof delLoopback>[0]) =>
  (await import('./del.ts')).delLoopback(ctx);
export const check = async (ctx: Parameters<typeof checkLoopback>[0]) =>
  (await import('./check.ts')).checkLoopback(ctx);
