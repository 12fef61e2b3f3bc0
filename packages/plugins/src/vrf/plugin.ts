// The body of the plugin, loaded on first use by index.ts: the config schema and the handlers.
// Each handler's module is loaded when its verb runs, so an ADD evaluates none of the
// code of the other verbs (issue 22).
import type { addVrf } from './add.ts';
import type { checkVrf } from './check.ts';
import { VrfConfigSchema } from './config.ts';
import type { delVrf } from './del.ts';

export const config = VrfConfigSchema;
export const add = async (ctx: Parameters<typeof addVrf>[0]) =>
  (await import('./add.ts')).addVrf(ctx);
export const del = async (ctx: Parameters<typeof delVrf>[0]) =>
  (await import('./del.ts')).delVrf(ctx);
export const check = async (ctx: Parameters<typeof checkVrf>[0]) =>
  (await import('./check.ts')).checkVrf(ctx);
