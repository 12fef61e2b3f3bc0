import { defineLazyPlugin } from '@cni-ts/plugin-kit';
import { pluginVersions } from '../plugin-versions.ts';

/**
 * static: hands out the configured addresses (or those CNI_ARGS, `args` or `runtimeConfig`
 * give), with the config's routes and DNS. It reserves nothing, so DEL, GC and STATUS have
 * no handler: they succeed without reading the config, as upstream's DEL does.
 */
export const staticIpam = defineLazyPlugin({
  name: 'static',
  about: 'CNI static plugin',
  versions: pluginVersions.static,
  load: () => import('./plugin.ts'),
});
