import { defineLazyPlugin } from '@cni-ts/plugin-kit';
import { pluginVersions } from '../plugin-versions.ts';

/**
 * ipvlan: an ipvlan link on a host interface (the "master"), moved into the container and
 * named CNI_IFNAME; it shares the master's MAC. Chained after another interface plugin it
 * takes that plugin's interface as master and may reuse its addresses.
 */
export const ipvlan = defineLazyPlugin({
  name: 'ipvlan',
  versions: pluginVersions.ipvlan,
  load: () => import('./plugin.ts'),
});
