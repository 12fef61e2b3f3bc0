import { defineLazyPlugin } from '@cni-ts/plugin-kit';
import { pluginVersions } from '../plugin-versions.ts';

/** loopback: brings `lo` up in the container (ADD), down on DEL; CHECK wants it up. */
export const loopback = defineLazyPlugin({
  name: 'loopback',
  versions: pluginVersions.loopback,
  load: () => import('./plugin.ts'),
});
