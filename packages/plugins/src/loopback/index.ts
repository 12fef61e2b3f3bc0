import { defineLazyPlugin } from '@cni-ts/plugin-kit';
import { SUPPORTED_VERSIONS } from '@cni-ts/spec-types';

/** loopback: brings `lo` up in the container (ADD), down on DEL; CHECK wants it up. */
export const loopback = defineLazyPlugin({
  name: 'loopback',
  versions: SUPPORTED_VERSIONS,
  load: () => import('./plugin.ts'),
});
