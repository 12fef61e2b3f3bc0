// The body of the plugin, loaded on first use by index.ts: the config schema and the handlers.
// Each handler's module is loaded when its verb runs, so an ADD evaluates none of the
// code of the other verbs (issue 22).
import type { addBandwidth } from './add.ts';
import type { checkBandwidth } from './check.ts';
import { BandwidthConfigSchema } from './config.ts';
import type { delBandwidth } from './del.ts';

export const config = BandwidthConfigSchema;
export const add = async (ctx: Parameters<typeof addBandwidth>[0]) =>
  (await import('./add.ts')).addBandwidth(ctx);
export const del = async (ctx: Parameters<typeof delBandwidth>[0]) =>
  (await import('./del.ts')).delBandwidth(ctx);
export const check = async (ctx: Parameters<typeof checkBandwidth>[0]) =>
  (await import('./check.ts')).checkBandwidth(ctx);
