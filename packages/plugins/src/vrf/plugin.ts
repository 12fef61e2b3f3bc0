// The body of the plugin, loaded on first use by index.ts: the config schema and the handlers.
import { addVrf } from './add.ts';
import { checkVrf } from './check.ts';
import { VrfConfigSchema } from './config.ts';
import { delVrf } from './del.ts';

export const config = VrfConfigSchema;
export const add = addVrf;
export const del = delVrf;
export const check = checkVrf;
