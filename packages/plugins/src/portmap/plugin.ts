// The body of the plugin, loaded on first use by index.ts: the config schema and the handlers.
import { addPortMap } from './add.ts';
import { checkPortMap } from './check.ts';
import { PortMapConfigSchema } from './config.ts';
import { delPortMap } from './del.ts';
import { gcPortMap } from './gc.ts';

export const config = PortMapConfigSchema;
export const add = addPortMap;
export const del = delPortMap;
export const check = checkPortMap;
export const gc = gcPortMap;
