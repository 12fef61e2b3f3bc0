// The body of the plugin, loaded on first use by index.ts: the config schema and the
// handlers.
// Each handler's module is loaded when its verb runs, so an ADD evaluates none of the
// code of the other verbs (issue 22).
import type { addVlan } from './add.ts';
import type { checkVlan } from './check.ts';
import { VlanConfigSchema } from './config.ts';
import type { delVlan } from './del.ts';
import type { gcVlan } from './gc.ts';
import type { statusVlan } from './status.ts';

export const config = VlanConfigSchema;
export const add = async (ctx: Parameters<typeof addVlan>[0]) =>
  (await import('./add.ts')).addVlan(ctx);
export const del = async (ctx: Parameters<typeof delVlan>[0]) =>
  (await import('./del.ts')).delVlan(ctx);
export const check = async (ctx: Parameters<typeof checkVlan>[0]) =>
  (await import('./check.ts')).checkVlan(ctx);
export const status = async (ctx: Parameters<typeof statusVlan>[0]) =>
  (await import('./status.ts')).statusVlan(ctx);
export const gc = async (ctx: Parameters<typeof gcVlan>[0]) =>
  (await import('./gc.ts')).gcVlan(ctx);
