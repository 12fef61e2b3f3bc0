import { defineLazyPlugin } from '@cni-ts/plugin-kit';
import { SUPPORTED_VERSIONS } from '@cni-ts/spec-types';

/**
 * host-device: moves an existing host interface (by name, MAC, sysfs path, PCI or
 * auxiliary-bus device) into the container as CNI_IFNAME; DEL gives it back under its name.
 */
export const hostDevice = defineLazyPlugin({
  name: 'host-device',
  versions: SUPPORTED_VERSIONS,
  load: () => import('./plugin.ts'),
});
