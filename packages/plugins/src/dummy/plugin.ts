// The body of the plugin, loaded on first use by index.ts: the config schema and the
// handlers.
import { addDummy } from './add.ts';
import { checkDummy } from './check.ts';
import { DummyConfigSchema } from './config.ts';
import { delDummy } from './del.ts';
import { gcDummy } from './gc.ts';
import { statusDummy } from './status.ts';

export const config = DummyConfigSchema;
export const add = addDummy;
export const del = delDummy;
export const check = checkDummy;
export const status = statusDummy;
export const gc = gcDummy;
