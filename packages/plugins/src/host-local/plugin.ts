// The body of the plugin, loaded on first use by index.ts: the config schema, the
// CNI_ARGS keys and the handlers.
import { addHostLocal } from './add.ts';
import { checkHostLocal } from './check.ts';
import { HOST_LOCAL_ARGS, HostLocalConfigSchema } from './config.ts';
import { delHostLocal } from './del.ts';
import { gcHostLocal } from './gc.ts';
import { statusHostLocal } from './status.ts';

export const config = HostLocalConfigSchema;
export const args = { known: HOST_LOCAL_ARGS };
export const add = addHostLocal;
export const del = delHostLocal;
export const check = checkHostLocal;
export const gc = gcHostLocal;
export const status = statusHostLocal;
