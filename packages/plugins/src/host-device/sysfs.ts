import { existsSync, lstatSync, readdirSync, readlinkSync } from 'node:fs';
import { CniError, CniErrorCode, pathBasename, pathJoin } from '@cni-ts/spec-types';

/** The sysfs mount (tests point it at a fake tree). */
export const SYSFS = '/sys';

/** Drivers that hand a PCI device to user space (DPDK): such a device is not moved. */
export const USERSPACE_DRIVERS: readonly string[] = ['vfio-pci', 'uio_pci_generic', 'igb_uio'];

function fail(message: string): never {
  throw new CniError(CniErrorCode.Internal, message);
}

/** The sorted entries of a directory, [] when it is missing. */
function entries(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

/** The first network interface under `dir/net/`, or under `dir/virtio*\/net/`. */
function firstNetName(dir: string): string | undefined {
  const direct = entries(pathJoin(dir, 'net'))[0];
  if (direct !== undefined) return direct;
  for (const entry of entries(dir).filter((name) => name.startsWith('virtio'))) {
    const nested = entries(pathJoin(dir, entry, 'net'))[0];
    if (nested !== undefined) return nested;
  }
  return undefined;
}

/** `kernelpath`: absolute, under /sys/devices/; its first interface. */
export function nameFromKernelPath(path: string, sysfs = SYSFS): string {
  const prefix = `${sysfs}/devices/`;
  if (!path.startsWith(prefix)) {
    fail(
      `failed to find host device: kernel device path ${JSON.stringify(path)} must be absolute and begin with ${prefix}`,
    );
  }
  const name = firstNetName(path);
  if (name === undefined)
    fail(`failed to find host device: no net directory under kernel device path ${path}`);
  return name;
}

/** The directory of a PCI device (`pciBusID`), which must exist. */
function pciDir(id: string, sysfs: string): string {
  const dir = pathJoin(sysfs, 'bus', 'pci', 'devices', id);
  try {
    lstatSync(dir);
  } catch {
    fail(`error with host device: lstat ${dir}: no such file or directory`);
  }
  return dir;
}

/** The driver a PCI device is bound to, or undefined. */
export function pciDriver(id: string, sysfs = SYSFS): string | undefined {
  try {
    return pathBasename(readlinkSync(pathJoin(sysfs, 'bus', 'pci', 'devices', id, 'driver')));
  } catch {
    return undefined;
  }
}

/** True when the PCI device is bound to a user-space (DPDK) driver. */
export function isUserspaceDevice(id: string, sysfs = SYSFS): boolean {
  const driver = pciDriver(id, sysfs);
  return driver !== undefined && USERSPACE_DRIVERS.includes(driver);
}

/** `pciBusID`: the PCI device's first interface. */
export function nameFromPciBusId(id: string, sysfs = SYSFS): string {
  const name = firstNetName(pciDir(id, sysfs));
  if (name === undefined)
    fail(`failed to find host device: no net directory under pci device ${id}`);
  return name;
}

/**
 * `runtimeConfig.deviceID`: a PCI device or an auxiliary-bus device
 * (`/sys/bus/auxiliary/devices/ID`); its first interface.
 */
export function nameFromDeviceId(id: string, sysfs = SYSFS): string {
  for (const bus of ['pci', 'auxiliary']) {
    const dir = pathJoin(sysfs, 'bus', bus, 'devices', id);
    if (!existsSync(dir)) continue;
    const name = firstNetName(dir);
    if (name !== undefined) return name;
  }
  fail(`runtime config DeviceID ${id} not found or unsupported`);
}
