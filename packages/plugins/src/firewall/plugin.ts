// The body of the plugin, loaded on first use by index.ts: the config schema and the handlers.
import { addFirewall } from './add.ts';
import { checkFirewall } from './check.ts';
import { FirewallConfigSchema } from './config.ts';
import { delFirewall } from './del.ts';
import { gcFirewall } from './gc.ts';

export const config = FirewallConfigSchema;
export const add = addFirewall;
export const del = delFirewall;
export const check = checkFirewall;
export const gc = gcFirewall;
