// The body of the plugin, loaded on first use by index.ts: the config schema, the
// CNI_ARGS keys and the handlers.
// Each handler's module is loaded when that verb runs, so an ADD evaluates none of the
// code of the other verbs (issue 22).
import type { addHostLocal } from './add.ts';
import type { checkHostLocal } from './check.ts';
import { HOST_LOCAL_ARGS, HostLocalConfigSchema } from './config.ts';
import type { delHostLocal } from './del.ts';
import type { gcHostLocal } from './gc.ts';
import type { statusHostLocal } from './status.ts';

export const config = HostLocalConfigSchema;
export const args = { known: HOST_LOCAL_ARGS };
export const add = async (ctx: Parameters<typeof addHostLocal>[0]) =>
  (await import('./add.ts')).addHostLocal(ctx);
export const del = async (ctx: Parameters<typeof delHostLocal>[0]) =>
  (await import('./del.ts')).delHostLocal(ctx);
export const check = async (ctx: Parameters<typeof checkHostLocal>[0]) =>
  (await import('./check.ts')).checkHostLocal(ctx);
export const gc = async (ctx: Parameters<typeof gcHostLocal>[0]) =>
  (await import('./gc.ts')).gcHostLocal(ctx);
export const status = async (ctx: Parameters<typeof statusHostLocal>[0]) =>
  (await import('./status.ts')).statusHostLocal(ctx);
