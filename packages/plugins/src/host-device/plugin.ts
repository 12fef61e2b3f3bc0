// The body of the plugin, loaded on first use by index.ts: the config schema and the
// handlers.
// Each handler's module is loaded when its verb runs, so an ADD evaluates none of the
// code of the other verbs (issue 22).
import type { addHostDevice } from './add.ts';
import type { checkHostDevice } from './check.ts';
import { HostDeviceConfigSchema } from './config.ts';
import type { delHostDevice } from './del.ts';
import type { gcHostDevice } from './gc.ts';
import type { statusHostDevice } from './status.ts';

export const config = HostDeviceConfigSchema;
export const add = async (ctx: Parameters<typeof addHostDevice>[0]) =>
  (await import('./add.ts')).addHostDevice(ctx);
export const del = async (ctx: Parameters<typeof delHostDevice>[0]) =>
  (await import('./del.ts')).delHostDevice(ctx);
export const check = async (ctx: Parameters<typeof checkHostDevice>[0]) =>
  (await import('./check.ts')).checkHostDevice(ctx);
export const status = async (ctx: Parameters<typeof statusHostDevice>[0]) =>
  (await import('./status.ts')).statusHostDevice(ctx);
export const gc = async (ctx: Parameters<typeof gcHostDevice>[0]) =>
  (await import('./gc.ts')).gcHostDevice(ctx);
