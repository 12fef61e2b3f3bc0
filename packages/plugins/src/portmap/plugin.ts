// The body of the plugin, loaded on first use by index.ts: the config schema and the handlers.
// Each handler's module is loaded when that verb runs, so an ADD evaluates none of the
// code of the other verbs (issue 22).
import type { addPortMap } from './add.ts';
import type { checkPortMap } from './check.ts';
import { PortMapConfigSchema } from './config.ts';
import type { delPortMap } from './del.ts';
import type { gcPortMap } from './gc.ts';

export const config = PortMapConfigSchema;
export const add = async (ctx: Parameters<typeof addPortMap>[0]) =>
  (await import('./add.ts')).addPortMap(ctx);
export const del = async (ctx: Parameters<typeof delPortMap>[0]) =>
  (await import('./del.ts')).delPortMap(ctx);
export const check = async (ctx: Parameters<typeof checkPortMap>[0]) =>
  (await import('./check.ts')).checkPortMap(ctx);
export const gc = async (ctx: Parameters<typeof gcPortMap>[0]) =>
  (await import('./gc.ts')).gcPortMap(ctx);
