import { defineLazyPlugin } from '@cni-ts/plugin-kit';
import { pluginVersions } from '../plugin-versions.ts';

/**
 * tuning: a chained plugin that changes the container interface and its namespace's
 * network sysctls (`sysctl`, `mac`, `mtu`, `promisc`, `allmulti`, `txQLen`), saves the
 * interface's original attributes and puts them back at DEL. The result passes through.
 */
export const tuning = defineLazyPlugin({
  name: 'tuning',
  versions: pluginVersions.tuning,
  load: () => import('./plugin.ts'),
});
