// The body of the plugin, loaded on first use by index.ts: the config schema, the
// CNI_ARGS keys and the handlers.
import { addBridge } from './add.ts';
import { checkBridge } from './check.ts';
import { BRIDGE_CNI_ARGS, BridgeConfigSchema } from './config.ts';
import { delBridge } from './del.ts';
import { gcBridge } from './gc.ts';
import { statusBridge } from './status.ts';

export const config = BridgeConfigSchema;
export const args = { known: BRIDGE_CNI_ARGS };
export const add = addBridge;
export const del = delBridge;
export const check = checkBridge;
export const status = statusBridge;
export const gc = gcBridge;
