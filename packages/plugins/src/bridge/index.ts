import { defineLazyPlugin } from '@cni-ts/plugin-kit';
import { pluginVersions } from '../plugin-versions.ts';

/**
 * bridge: connects the container to a Linux bridge in the host namespace through a veth
 * pair, optionally with the bridge as gateway, masquerade, VLANs and a MAC spoof check.
 */
export const bridge = defineLazyPlugin({
  name: 'bridge',
  about: 'CNI bridge plugin',
  versions: pluginVersions.bridge,
  load: () => import('./plugin.ts'),
});
