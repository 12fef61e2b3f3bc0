import { defineLazyPlugin } from '@cni-ts/plugin-kit';
import { pluginVersions } from '../plugin-versions.ts';

/**
 * firewall: a chained plugin that lets a container's traffic through the host's FORWARD
 * chain (CNI-FORWARD with an admin chain ahead of the per-address rules) and, with
 * `ingressPolicy` same-bridge or isolated, blocks traffic into the bridge from other
 * bridges (and, isolated, within the bridge) with the CNI-ISOLATION-STAGE-1/2 chains.
 */
export const firewall = defineLazyPlugin({
  name: 'firewall',
  versions: pluginVersions.firewall,
  load: () => import('./plugin.ts'),
});
