import { defineLazyPlugin } from '@cni-ts/plugin-kit';
import { pluginVersions } from '../plugin-versions.ts';

/**
 * host-local: hands out addresses from configured ranges, one per range set, keeping
 * reservations in a directory on the host (upstream's layout, shared with the Go plugin).
 */
export const hostLocal = defineLazyPlugin({
  name: 'host-local',
  about: 'CNI host-local plugin',
  versions: pluginVersions['host-local'],
  load: () => import('./plugin.ts'),
});
