// The body of the plugin, loaded on first use by index.ts: the config schema, the
// CNI_ARGS keys and the handlers.
import { addPtp } from './add.ts';
import { checkPtp } from './check.ts';
import { PtpConfigSchema } from './config.ts';
import { delPtp } from './del.ts';
import { gcPtp } from './gc.ts';
import { statusPtp } from './status.ts';

export const config = PtpConfigSchema;
export const add = addPtp;
export const del = delPtp;
export const check = checkPtp;
export const status = statusPtp;
export const gc = gcPtp;
