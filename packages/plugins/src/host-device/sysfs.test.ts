import { afterAll, describe, expect, test } from 'bun:test';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  isUserspaceDevice,
  nameFromDeviceId,
  nameFromKernelPath,
  nameFromPciBusId,
} from './sysfs.ts';

// A fake sysfs: a PCI NIC with net/ens3, a virtio device with virtio0/net/eth1, a PCI
// device bound to vfio-pci (no net/), an auxiliary-bus device with net/aux0.
const root = mkdtempSync(join(tmpdir(), 'cnits-sysfs-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function dir(...parts: string[]): string {
  const path = join(root, ...parts);
  mkdirSync(path, { recursive: true });
  return path;
}

const nic = dir('devices', 'pci0000:00', '0000:00:03.0');
dir('devices', 'pci0000:00', '0000:00:03.0', 'net', 'ens3');
const virtio = dir('devices', 'pci0000:00', '0000:00:04.0');
dir('devices', 'pci0000:00', '0000:00:04.0', 'virtio0', 'net', 'eth1');
const vfio = dir('devices', 'pci0000:00', '0000:00:05.0');
dir('bus', 'pci', 'devices');
dir('bus', 'pci', 'drivers', 'vfio-pci');
symlinkSync(nic, join(root, 'bus', 'pci', 'devices', '0000:00:03.0'));
symlinkSync(virtio, join(root, 'bus', 'pci', 'devices', '0000:00:04.0'));
symlinkSync(vfio, join(root, 'bus', 'pci', 'devices', '0000:00:05.0'));
symlinkSync(join(root, 'bus', 'pci', 'drivers', 'vfio-pci'), join(vfio, 'driver'));
dir('bus', 'auxiliary', 'devices', 'mlx5_core.sf.2', 'net', 'aux0');

describe('host-device sysfs lookups', () => {
  test('kernelpath: the first interface under net/, only below /sys/devices/', () => {
    expect(nameFromKernelPath(nic, root)).toBe('ens3');
    expect(() => nameFromKernelPath('/tmp/x', root)).toThrow(
      `kernel device path "/tmp/x" must be absolute and begin with ${root}/devices/`,
    );
  });

  test('pciBusID: net/ or virtio*/net/; a missing device is named', () => {
    expect(nameFromPciBusId('0000:00:03.0', root)).toBe('ens3');
    expect(nameFromPciBusId('0000:00:04.0', root)).toBe('eth1');
    expect(() => nameFromPciBusId('0000:99:00.0', root)).toThrow('lstat');
  });

  test('deviceID: PCI or auxiliary bus, else upstream text', () => {
    expect(nameFromDeviceId('0000:00:03.0', root)).toBe('ens3');
    expect(nameFromDeviceId('mlx5_core.sf.2', root)).toBe('aux0');
    expect(() => nameFromDeviceId('nope', root)).toThrow(
      'runtime config DeviceID nope not found or unsupported',
    );
  });

  test('a device bound to vfio-pci is a user-space (DPDK) device', () => {
    expect(isUserspaceDevice('0000:00:05.0', root)).toBe(true);
    expect(isUserspaceDevice('0000:00:03.0', root)).toBe(false);
  });
});
