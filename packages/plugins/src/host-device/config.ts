import { NetConfEntries } from '@cni-ts/spec-types';
import * as v from 'valibot';
import { DEFAULT_STATE_DIR, statePath } from './state.ts';

/**
 * host-device's keys (reference-plugins.md §2.1): one of `device` (name), `hwaddr` (MAC),
 * `kernelpath` (a /sys/devices/ path) or `pciBusID`; the `deviceID` capability
 * (`runtimeConfig.deviceID`: a PCI or auxiliary-bus device) overrides them. `ipam`
 * optional, `dns`. `dataDir` (ours) is where the device's host state is kept for DEL.
 */
export const HostDeviceConfigSchema = v.looseObject({
  ...NetConfEntries,
  device: v.optional(v.string()),
  hwaddr: v.optional(v.string()),
  kernelpath: v.optional(v.string()),
  pciBusID: v.optional(v.string()),
  /** Ours: where the device's host MTU and addresses are kept until DEL. */
  dataDir: v.optional(v.string()),
});

/** host-device's config as parsed. */
export type HostDeviceConfig = v.InferOutput<typeof HostDeviceConfigSchema>;

/** The state file of an attachment (see state.ts). */
export function stateFile(config: HostDeviceConfig, containerId: string, ifName: string): string {
  return statePath(config.dataDir ?? DEFAULT_STATE_DIR, containerId, ifName);
}

/** The IPAM plugin's type, or '' when there is none. */
export function ipamType(config: HostDeviceConfig): string {
  return config.ipam?.type ?? '';
}
