import { defineLazyPlugin } from '@cni-ts/plugin-kit';
import { versionsStartingFrom } from '@cni-ts/spec-types';

/**
 * vrf: a chained plugin that puts the container's interface into a VRF device (`vrfname`,
 * created in the container's namespace when missing, with routing table `table` or the
 * lowest one no VRF uses), keeping its IPv6 addresses and routes.
 */
export const vrf = defineLazyPlugin({
  name: 'vrf',
  versions: versionsStartingFrom('0.3.1'),
  load: () => import('./plugin.ts'),
});
