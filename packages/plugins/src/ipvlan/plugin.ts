// The body of the plugin, loaded on first use by index.ts: the config schema and the
// handlers.
// Each handler's module is loaded when its verb runs, so an ADD evaluates none of the
// code of the other verbs (issue 22).
import type { addIpvlan } from './add.ts';
import type { checkIpvlan } from './check.ts';
import { IpvlanConfigSchema } from './config.ts';
import type { delIpvlan } from './del.ts';
import type { gcIpvlan } from './gc.ts';
import type { statusIpvlan } from './status.ts';

export const config = IpvlanConfigSchema;
export const add = async (ctx: Parameters<typeof addIpvlan>[0]) =>
  (await import('./add.ts')).addIpvlan(ctx);
export const del = async (ctx: Parameters<typeof delIpvlan>[0]) =>
  (await import('./del.ts')).delIpvlan(ctx);
export const check = async (ctx: Parameters<typeof checkIpvlan>[0]) =>
  (await import('./check.ts')).checkIpvlan(ctx);
export const status = async (ctx: Parameters<typeof statusIpvlan>[0]) =>
  (await import('./status.ts')).statusIpvlan(ctx);
export const gc = async (ctx: Parameters<typeof gcIpvlan>[0]) =>
  (await import('./gc.ts')).gcIpvlan(ctx);
