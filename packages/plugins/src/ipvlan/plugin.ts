// The body of the plugin, loaded on first use by index.ts: the config schema and the
// handlers.
import { addIpvlan } from './add.ts';
import { checkIpvlan } from './check.ts';
import { IpvlanConfigSchema } from './config.ts';
import { delIpvlan } from './del.ts';
import { gcIpvlan } from './gc.ts';
import { statusIpvlan } from './status.ts';

export const config = IpvlanConfigSchema;
export const add = addIpvlan;
export const del = delIpvlan;
export const check = checkIpvlan;
export const status = statusIpvlan;
export const gc = gcIpvlan;
