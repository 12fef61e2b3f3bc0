// The body of the plugin, loaded on first use by index.ts: the config schema and the handlers.
import { addBandwidth } from './add.ts';
import { checkBandwidth } from './check.ts';
import { BandwidthConfigSchema } from './config.ts';
import { delBandwidth } from './del.ts';

export const config = BandwidthConfigSchema;
export const add = addBandwidth;
export const del = delBandwidth;
export const check = checkBandwidth;
