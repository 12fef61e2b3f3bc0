// The body of the plugin, loaded on first use by index.ts: the config schema and the
// handlers.
import { addHostDevice } from './add.ts';
import { checkHostDevice } from './check.ts';
import { HostDeviceConfigSchema } from './config.ts';
import { delHostDevice } from './del.ts';
import { gcHostDevice } from './gc.ts';
import { statusHostDevice } from './status.ts';

export const config = HostDeviceConfigSchema;
export const add = addHostDevice;
export const del = delHostDevice;
export const check = checkHostDevice;
export const status = statusHostDevice;
export const gc = gcHostDevice;
