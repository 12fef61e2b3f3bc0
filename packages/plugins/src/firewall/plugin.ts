// The body of the plugin, loaded on first use by index.ts: the config schema and the handlers.
// Each handler's module is loaded when that verb runs, so an ADD evaluates none of the
// code of the other verbs (issue 22).
import type { addFirewall } from './add.ts';
import type { checkFirewall } from './check.ts';
import { FirewallConfigSchema } from './config.ts';
import type { delFirewall } from './del.ts';
import type { gcFirewall } from './gc.ts';
import { prefetchFirewall } from './prefetch.ts';

export const config = FirewallConfigSchema;
export const prefetch = prefetchFirewall;
export const add = async (ctx: Parameters<typeof addFirewall>[0]) =>
  (await import('./add.ts')).addFirewall(ctx);
export const del = async (ctx: Parameters<typeof delFirewall>[0]) =>
  (await import('./del.ts')).delFirewall(ctx);
export const check = async (ctx: Parameters<typeof checkFirewall>[0]) =>
  (await import('./check.ts')).checkFirewall(ctx);
export const gc = async (ctx: Parameters<typeof gcFirewall>[0]) =>
  (await import('./gc.ts')).gcFirewall(ctx);
