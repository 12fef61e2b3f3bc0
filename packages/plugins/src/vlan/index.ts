import { defineLazyPlugin } from '@cni-ts/plugin-kit';
import { pluginVersions } from '../plugin-versions.ts';

/**
 * vlan: an 802.1Q VLAN link on a host interface (the "master"), moved into the container
 * and named CNI_IFNAME, with the IPAM plugin's addresses.
 */
export const vlan = defineLazyPlugin({
  name: 'vlan',
  versions: pluginVersions.vlan,
  load: () => import('./plugin.ts'),
});
