// The body of the plugin, loaded on first use by index.ts: the config schema, the
// CNI_ARGS keys and the handlers.
import { addTap } from './add.ts';
import { checkTap } from './check.ts';
import { TAP_CNI_ARGS, TapConfigSchema } from './config.ts';
import { delTap } from './del.ts';
import { gcTap } from './gc.ts';
import { statusTap } from './status.ts';

export const config = TapConfigSchema;
export const args = { known: TAP_CNI_ARGS };
export const add = addTap;
export const del = delTap;
export const check = checkTap;
export const status = statusTap;
export const gc = gcTap;
