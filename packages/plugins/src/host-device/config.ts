import { NetConfEntries } from '@cni-ts/spec-types';
import * as v from 'valibot';

/**
 * host-device's keys (reference-plugins.md §2.1): one of `device` (name), `hwaddr` (MAC),
 * `kernelpath` (a /sys/devices/ path) or `pciBusID`; the `deviceID` capability
 * (`runtimeConfig.deviceID`: a PCI or auxiliary-bus device) overrides them. `ipam`
 * optional, `dns`.
 */
export const HostDeviceConfigSchema = v.looseObject({
  ...NetConfEntries,
  device: v.optional(v.string()),
  hwaddr: v.optional(v.string()),
  kernelpath: v.optional(v.string()),
  pciBusID: v.optional(v.string()),
});

/** host-device's config as parsed. */
export type HostDeviceConfig = v.InferOutput<typeof HostDeviceConfigSchema>;

/** The IPAM plugin's type, or '' when there is none. */
export function ipamType(config: HostDeviceConfig): string {
  return config.ipam?.type ?? '';
}
