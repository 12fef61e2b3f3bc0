import { findMasterLink, type Link, type NetlinkRequester } from '@cni-ts/plugin-kit';
import { CniError, CniErrorCode } from '@cni-ts/spec-types';
import { ipamType, type VlanConfig } from './config.ts';

/** What ADD makes, resolved from the config and the master link. */
export interface VlanSettings {
  readonly master: Link;
  readonly vlanId: number;
  /** 0: the kernel's default (the master's MTU). */
  readonly mtu: number;
  readonly ipamType: string;
}

/** The highest VLAN ID (4095 is reserved by 802.1Q). */
export const MAX_VLAN_ID = 4094;

function fail(message: string): never {
  throw new CniError(CniErrorCode.Internal, message);
}

/**
 * The config's own checks, before any lookup: a master, a VLAN ID in 1…4094 (upstream
 * takes 0 and a missing vlanId, which makes a priority-tagged VLAN 0 nobody meant), an
 * IPAM type. Returns the VLAN ID.
 */
export function checkVlanConfig(config: VlanConfig): number {
  if (config.master === undefined || config.master === '') {
    fail(
      '"master" field is required. It specifies the host interface name to create the VLAN for.',
    );
  }
  const id = config.vlanId;
  if (id === undefined) fail('"vlanId" field is required: the VLAN ID (1-4094) of the link');
  if (id < 1 || id > MAX_VLAN_ID) {
    fail(`invalid VLAN ID ${id} (must be between 1 and ${MAX_VLAN_ID} inclusive)`);
  }
  if (ipamType(config) === '') fail('vlan needs an IPAM plugin ("ipam": {"type": …})');
  return id;
}

/** Everything ADD needs, checked before anything is made. */
export function vlanSettings(sock: NetlinkRequester, config: VlanConfig): VlanSettings {
  const vlanId = checkVlanConfig(config);
  const master = findMasterLink(sock, config.master);
  const mtu = config.mtu ?? 0;
  if (mtu < 0 || mtu > master.mtu) {
    fail(`invalid MTU ${mtu}, must be [0, master MTU(${master.mtu})]`);
  }
  return { master, vlanId, mtu, ipamType: ipamType(config) };
}
