import {
  getLink,
  goErrorText,
  isNotFound,
  type Link,
  listLinks,
  type NetlinkRequester,
  parseGoMac,
} from '@cni-ts/plugin-kit';
import { CniError, CniErrorCode } from '@cni-ts/spec-types';
import type { HostDeviceConfig } from './config.ts';
import {
  isUserspaceDevice,
  nameFromDeviceId,
  nameFromKernelPath,
  nameFromPciBusId,
  SYSFS,
} from './sysfs.ts';

/** What ADD acts on: a link to move, or a PCI device in user space (DPDK) left alone. */
export type HostDeviceTarget =
  | { readonly kind: 'link'; readonly link: Link }
  | { readonly kind: 'dpdk'; readonly pci: string };

function fail(message: string, cause?: unknown): never {
  throw new CniError(CniErrorCode.Internal, message, cause === undefined ? {} : { cause });
}

function byName(sock: NetlinkRequester, name: string): Link {
  try {
    return getLink(sock, { name });
  } catch (error) {
    fail(
      `failed to find host device: ${isNotFound(error) ? 'Link not found' : goErrorText(error)}`,
      error,
    );
  }
}

function byMac(sock: NetlinkRequester, text: string): Link {
  const mac = parseGoMac(text);
  if (mac === undefined) fail(`failed to find host device: address ${text}: invalid MAC address`);
  const found = listLinks(sock).find((link) => link.mac === mac);
  if (found === undefined) fail('failed to find host device: failed to find physical interface');
  return found;
}

/**
 * The device the config names, looked up in the host: `runtimeConfig.deviceID` first, then
 * `device`, `hwaddr`, `kernelpath`, `pciBusID` (upstream's order). A PCI device bound to a
 * user-space driver is a DPDK target.
 */
export function selectHostDevice(
  sock: NetlinkRequester,
  config: HostDeviceConfig,
  sysfs = SYSFS,
): HostDeviceTarget {
  const deviceId = config.runtimeConfig?.deviceID ?? '';
  const pci = deviceId !== '' ? deviceId : (config.pciBusID ?? '');
  if (pci !== '' && isUserspaceDevice(pci, sysfs)) return { kind: 'dpdk', pci };
  const link = (name: string): HostDeviceTarget => ({ kind: 'link', link: byName(sock, name) });
  if (deviceId !== '') return link(nameFromDeviceId(deviceId, sysfs));
  if ((config.device ?? '') !== '') return link(config.device ?? '');
  if ((config.hwaddr ?? '') !== '') return { kind: 'link', link: byMac(sock, config.hwaddr ?? '') };
  if ((config.kernelpath ?? '') !== '')
    return link(nameFromKernelPath(config.kernelpath ?? '', sysfs));
  if ((config.pciBusID ?? '') !== '') return link(nameFromPciBusId(config.pciBusID ?? '', sysfs));
  fail('specify either "device", "hwaddr", "kernelpath" or "pciBusID"');
}
