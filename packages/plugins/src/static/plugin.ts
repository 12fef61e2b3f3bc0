// The body of the plugin, loaded on first use by index.ts: the config schema, the
// CNI_ARGS keys and the handlers.
import { addStatic } from './add.ts';
import { checkStatic } from './check.ts';
import { STATIC_ARGS, StaticConfigSchema } from './config.ts';

export const config = StaticConfigSchema;
export const args = { known: STATIC_ARGS };
export const add = addStatic;
export const check = checkStatic;
