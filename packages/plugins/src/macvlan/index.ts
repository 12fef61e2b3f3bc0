import { defineLazyPlugin } from '@cni-ts/plugin-kit';
import { pluginVersions } from '../plugin-versions.ts';

/**
 * macvlan: a macvlan link on a host interface (the "master"), moved into the container
 * and named CNI_IFNAME; it has its own MAC and talks on the master's network directly.
 * Addresses come from the IPAM plugin when one is configured, else it is L2 only.
 */
export const macvlan = defineLazyPlugin({
  name: 'macvlan',
  versions: pluginVersions.macvlan,
  load: () => import('./plugin.ts'),
});
