import { defineLazyPlugin } from '@cni-ts/plugin-kit';
import { pluginVersions } from '../plugin-versions.ts';

/**
 * host-device: moves an existing host interface (by name, MAC, sysfs path, PCI or
 * auxiliary-bus device) into the container as CNI_IFNAME; DEL gives it back under its name.
 */
export const hostDevice = defineLazyPlugin({
  name: 'host-device',
  versions: pluginVersions['host-device'],
  load: () => import('./plugin.ts'),
});
