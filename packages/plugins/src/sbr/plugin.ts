// The body of the plugin, loaded on first use by index.ts: the config schema and the
// handlers.
import { addSbr } from './add.ts';
import { checkSbr } from './check.ts';
import { SbrConfigSchema } from './config.ts';
import { delSbr } from './del.ts';

export const config = SbrConfigSchema;
export const add = addSbr;
export const del = delSbr;
export const check = checkSbr;
