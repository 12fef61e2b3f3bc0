// The body of the plugin, loaded on first use by index.ts: the config schema, the
// CNI_ARGS keys and the handlers.
// Each handler's module is loaded when its verb runs, so an ADD evaluates none of the
// code of the other verbs (issue 22).
import type { addMacvlan } from './add.ts';
import type { checkMacvlan } from './check.ts';
import { MACVLAN_CNI_ARGS, MacvlanConfigSchema } from './config.ts';
import type { delMacvlan } from './del.ts';
import type { gcMacvlan } from './gc.ts';
import type { statusMacvlan } from './status.ts';

export const config = MacvlanConfigSchema;
export const args = { known: MACVLAN_CNI_ARGS };
export const add = async (ctx: Parameters<typeof addMacvlan>[0]) =>
  (await import('./add.ts')).addMacvlan(ctx);
export const del = async (ctx: Parameters<typeof delMacvlan>[0]) =>
  (await import('./del.ts')).delMacvlan(ctx);
export const check = async (ctx: Parameters<typeof checkMacvlan>[0]) =>
  (await import('./check.ts')).checkMacvlan(ctx);
export const status = async (ctx: Parameters<typeof statusMacvlan>[0]) =>
  (await import('./status.ts')).statusMacvlan(ctx);
export const gc = async (ctx: Parameters<typeof gcMacvlan>[0]) =>
  (await import('./gc.ts')).gcMacvlan(ctx);
