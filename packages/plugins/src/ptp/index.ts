import { defineLazyPlugin } from '@cni-ts/plugin-kit';
import { pluginVersions } from '../plugin-versions.ts';

/**
 * ptp: a veth pair per container with every container route through a gateway address on
 * the host end, so the host routes between containers (no bridge). Addresses come from
 * the IPAM plugin; `ipMasq` masquerades traffic leaving the subnet.
 */
export const ptp = defineLazyPlugin({
  name: 'ptp',
  versions: pluginVersions.ptp,
  load: () => import('./plugin.ts'),
});
