import { defineLazyPlugin } from '@cni-ts/plugin-kit';
import { versionsStartingFrom } from '@cni-ts/spec-types';

/**
 * portmap: a chained plugin that forwards host ports to the container (the `portMappings`
 * capability): DNAT from the host's addresses, hairpin and localhost traffic marked for
 * masquerading, in upstream's iptables layout.
 */
export const portmap = defineLazyPlugin({
  name: 'portmap',
  versions: versionsStartingFrom('0.1.0'),
  load: () => import('./plugin.ts'),
});
