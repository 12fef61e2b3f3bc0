// The body of the plugin, loaded on first use by index.ts: the config schema, the
// CNI_ARGS keys and the handlers. Each handler's module is loaded when that verb runs, so
// an ADD evaluates none of the code of DEL, CHECK, GC and STATUS (issue 22).
import type { addBridge } from './add.ts';
import type { checkBridge } from './check.ts';
import { BRIDGE_CNI_ARGS, BridgeConfigSchema } from './config.ts';
import type { delBridge } from './del.ts';
import type { gcBridge } from './gc.ts';
import type { statusBridge } from './status.ts';

export const config = BridgeConfigSchema;
export const args = { known: BRIDGE_CNI_ARGS };
export const add = async (ctx: Parameters<typeof addBridge>[0]) =>
  (await import('./add.ts')).addBridge(ctx);
export const del = async (ctx: Parameters<typeof delBridge>[0]) =>
  (await import('./del.ts')).delBridge(ctx);
export const check = async (ctx: Parameters<typeof checkBridge>[0]) =>
  (await import('./check.ts')).checkBridge(ctx);
export const status = async (ctx: Parameters<typeof statusBridge>[0]) =>
  (await import('./status.ts')).statusBridge(ctx);
export const gc = async (ctx: Parameters<typeof gcBridge>[0]) =>
  (await import('./gc.ts')).gcBridge(ctx);
