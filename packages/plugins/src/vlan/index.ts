import { defineLazyPlugin } from '@cni-ts/plugin-kit';
import { SUPPORTED_VERSIONS } from '@cni-ts/spec-types';

/**
 * vlan: an 802.1Q VLAN link on a host interface (the "master"), moved into the container
 * and named CNI_IFNAME, with the IPAM plugin's addresses.
 */
export const vlan = defineLazyPlugin({
  name: 'vlan',
  versions: SUPPORTED_VERSIONS,
  load: () => import('./plugin.ts'),
});
