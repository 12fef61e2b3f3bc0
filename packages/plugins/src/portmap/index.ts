import { defineLazyPlugin } from '@cni-ts/plugin-kit';
import { pluginVersions } from '../plugin-versions.ts';

/**
 * portmap: a chained plugin that forwards host ports to the container (the `portMappings`
 * capability): DNAT from the host's addresses, hairpin and localhost traffic marked for
 * masquerading, in upstream's iptables layout.
 */
export const portmap = defineLazyPlugin({
  name: 'portmap',
  versions: pluginVersions.portmap,
  load: () => import('./plugin.ts'),
});
