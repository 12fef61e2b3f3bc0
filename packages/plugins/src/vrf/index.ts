import { defineLazyPlugin } from '@cni-ts/plugin-kit';
import { pluginVersions } from '../plugin-versions.ts';

/**
 * vrf: a chained plugin that puts the container's interface into a VRF device (`vrfname`,
 * created in the container's namespace when missing, with routing table `table` or the
 * lowest one no VRF uses), keeping its IPv6 addresses and routes.
 */
export const vrf = defineLazyPlugin({
  name: 'vrf',
  versions: pluginVersions.vrf,
  load: () => import('./plugin.ts'),
});
