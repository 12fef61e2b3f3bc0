import { definePlugin } from '@cni-ts/plugin-kit';
import { SUPPORTED_VERSIONS } from '@cni-ts/spec-types';
import { addStatic } from './add.ts';
import { checkStatic } from './check.ts';
import { STATIC_ARGS, StaticConfigSchema } from './config.ts';

/**
 * static: hands out the configured addresses (or those CNI_ARGS, `args` or `runtimeConfig`
 * give), with the config's routes and DNS. It reserves nothing, so DEL, GC and STATUS have
 * no handler: they succeed without reading the config, as upstream's DEL does.
 */
export const staticIpam = definePlugin({
  name: 'static',
  about: 'CNI static plugin',
  versions: SUPPORTED_VERSIONS,
  config: StaticConfigSchema,
  args: { known: STATIC_ARGS },
  add: addStatic,
  check: checkStatic,
});
