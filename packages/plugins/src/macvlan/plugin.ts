// The body of the plugin, loaded on first use by index.ts: the config schema, the
// CNI_ARGS keys and the handlers.
import { addMacvlan } from './add.ts';
import { checkMacvlan } from './check.ts';
import { MACVLAN_CNI_ARGS, MacvlanConfigSchema } from './config.ts';
import { delMacvlan } from './del.ts';
import { gcMacvlan } from './gc.ts';
import { statusMacvlan } from './status.ts';

export const config = MacvlanConfigSchema;
export const args = { known: MACVLAN_CNI_ARGS };
export const add = addMacvlan;
export const del = delMacvlan;
export const check = checkMacvlan;
export const status = statusMacvlan;
export const gc = gcMacvlan;
