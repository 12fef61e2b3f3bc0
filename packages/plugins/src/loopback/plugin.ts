// The body of the plugin, loaded on first use by index.ts: the config schema, the
// CNI_ARGS keys and the handlers.
import { addLoopback } from './add.ts';
import { checkLoopback } from './check.ts';
import { LoopbackConfigSchema } from './config.ts';
import { delLoopback } from './del.ts';

export const config = LoopbackConfigSchema;
export const add = addLoopback;
export const del = delLoopback;
export const check = checkLoopback;
