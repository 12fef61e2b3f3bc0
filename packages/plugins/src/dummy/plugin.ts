// The body of the plugin, loaded on first use by index.ts: the config schema and the
// handlers.
// Each handler's module is loaded when its verb runs, so an ADD evaluates none of the
// code of the other verbs (issue 22).
import type { addDummy } from './add.ts';
import type { checkDummy } from './check.ts';
import { DummyConfigSchema } from './config.ts';
import type { delDummy } from './del.ts';
import type { gcDummy } from './gc.ts';
import type { statusDummy } from './status.ts';

export const config = DummyConfigSchema;
export const add = async (ctx: Parameters<typeof addDummy>[0]) =>
  (await import('./add.ts')).addDummy(ctx);
export const del = async (ctx: Parameters<typeof delDummy>[0]) =>
  (await import('./del.ts')).delDummy(ctx);
export const check = async (ctx: Parameters<typeof checkDummy>[0]) =>
  (await import('./check.ts')).checkDummy(ctx);
export const status = async (ctx: Parameters<typeof statusDummy>[0]) =>
  (await import('./status.ts')).statusDummy(ctx);
export const gc = async (ctx: Parameters<typeof gcDummy>[0]) =>
  (await import('./gc.ts')).gcDummy(ctx);
