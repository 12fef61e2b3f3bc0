import { definePlugin } from '@cni-ts/plugin-kit';
import { SUPPORTED_VERSIONS } from '@cni-ts/spec-types';
import { addLoopback } from './add.ts';
import { checkLoopback } from './check.ts';
import { LoopbackConfigSchema } from './config.ts';
import { delLoopback } from './del.ts';

/** loopback: brings `lo` up in the container (ADD), down on DEL; CHECK wants it up. */
export const loopback = definePlugin({
  name: 'loopback',
  versions: SUPPORTED_VERSIONS,
  config: LoopbackConfigSchema,
  add: addLoopback,
  del: delLoopback,
  check: checkLoopback,
});
