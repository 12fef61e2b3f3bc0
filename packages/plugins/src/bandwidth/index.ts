import { defineLazyPlugin } from '@cni-ts/plugin-kit';
import { pluginVersions } from '../plugin-versions.ts';

/**
 * bandwidth: a chained plugin that shapes a container's traffic on the host end of its veth:
 * a tbf qdisc for traffic towards the container (`ingressRate`/`ingressBurst`), and for
 * traffic from it (`egressRate`/`egressBurst`) a redirect into an ifb device with a tbf.
 * The `bandwidth` capability gives the same four keys when the config has none of them.
 */
export const bandwidth = defineLazyPlugin({
  name: 'bandwidth',
  versions: pluginVersions.bandwidth,
  load: () => import('./plugin.ts'),
});
