import { defineLazyPlugin } from '@cni-ts/plugin-kit';
import { pluginVersions } from '../plugin-versions.ts';

/**
 * dummy: a dummy link in the container, named CNI_IFNAME, carrying the IPAM plugin's
 * addresses and routes (for addresses that must exist without any network behind them).
 */
export const dummy = defineLazyPlugin({
  name: 'dummy',
  versions: pluginVersions.dummy,
  load: () => import('./plugin.ts'),
});
