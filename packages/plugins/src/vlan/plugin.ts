// The body of the plugin, loaded on first use by index.ts: the config schema and the
// handlers.
import { addVlan } from './add.ts';
import { checkVlan } from './check.ts';
import { VlanConfigSchema } from './config.ts';
import { delVlan } from './del.ts';
import { gcVlan } from './gc.ts';
import { statusVlan } from './status.ts';

export const config = VlanConfigSchema;
export const add = addVlan;
export const del = delVlan;
export const check = checkVlan;
export const status = statusVlan;
export const gc = gcVlan;
