import { defineLazyPlugin } from '@cni-ts/plugin-kit';
import { pluginVersions } from '../plugin-versions.ts';

/**
 * sbr: a chained plugin for source-based routing in the container: a rule per address of
 * the interface into a routing table of its own, which gets the default route and the
 * interface's routes (or, with `table`, a rule per address into that table).
 */
export const sbr = defineLazyPlugin({
  name: 'sbr',
  versions: pluginVersions.sbr,
  load: () => import('./plugin.ts'),
});
