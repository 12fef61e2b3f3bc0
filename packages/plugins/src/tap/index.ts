import { defineLazyPlugin } from '@cni-ts/plugin-kit';
import { pluginVersions } from '../plugin-versions.ts';

/**
 * tap: a persistent tap device in the container named CNI_IFNAME (for VMs and user-space
 * network stacks), optionally on a bridge in the container, with the IPAM plugin's
 * addresses when one is configured.
 */
export const tap = defineLazyPlugin({
  name: 'tap',
  versions: pluginVersions.tap,
  load: () => import('./plugin.ts'),
});
