import {
  deleteLink,
  getLink,
  isNotFound,
  type Link,
  type NetlinkRequester,
  setLinkNoMaster,
} from '@cni-ts/plugin-kit';
import { CniError, CniErrorCode } from '@cni-ts/spec-types';
import { findVrf, vrfMembers } from './vrf-link.ts';

/**
 * DEL's work inside the container's namespace: takes the interface out of the VRF and
 * deletes the VRF when nothing is left in it. A VRF or an interface that is gone already is
 * fine (upstream fails on the latter: containernetworking/plugins#1282); an interface in
 * another master is left alone.
 */
export function detachFromVrf(sock: NetlinkRequester, vrfName: string, ifName: string): void {
  const vrf = findVrf(sock, vrfName);
  if (vrf === undefined) return;
  let link: Link | undefined;
  try {
    link = getLink(sock, { name: ifName });
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
  if (link !== undefined && link.master === vrf.index) {
    try {
      setLinkNoMaster(sock, link.index);
    } catch (error) {
      throw new CniError(
        CniErrorCode.Internal,
        `resetMaster: could not reset master to ${ifName}`,
        { cause: error },
      );
    }
  }
  if (vrfMembers(sock, vrf).length > 0) return;
  try {
    deleteLink(sock, { index: vrf.index });
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
}

/** CHECK's work: the interface is in the VRF (upstream's words when it is not). */
export function checkInVrf(sock: NetlinkRequester, vrfName: string, ifName: string): void {
  const vrf = findVrf(sock, vrfName);
  if (vrf === undefined) throw new CniError(CniErrorCode.Internal, 'Link not found');
  if (!vrfMembers(sock, vrf).some((link) => link.name === ifName)) {
    throw new CniError(
      CniErrorCode.Internal,
      `Failed to find ${ifName} associated to vrf ${vrfName}`,
    );
  }
}
