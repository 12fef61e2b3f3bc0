import { deleteLink, type NetlinkRequester, type UndoStack } from '@cni-ts/plugin-kit';
import { CniError, CniErrorCode } from '@cni-ts/spec-types';
import { enslave } from './enslave.ts';
import { createVrf, findVrf, vrfMembers, vrfTable } from './vrf-link.ts';

/** What ADD puts where: the container interface into the VRF of that name and table. */
export interface VrfTarget {
  readonly vrfName: string;
  /** 0: the existing VRF's, or the lowest free one for a new VRF. */
  readonly table: number;
  readonly ifName: string;
}

/**
 * ADD's work inside the container's namespace, over a route socket opened there: reuses the
 * VRF (refusing one with another table when `table` is set) or creates it, then moves the
 * interface in. A VRF made here is deleted again if the rest fails and nothing else uses it.
 */
export function attachToVrf(sock: NetlinkRequester, target: VrfTarget, undo: UndoStack): void {
  const { vrfName, table, ifName } = target;
  let vrf = findVrf(sock, vrfName);
  if (vrf !== undefined && table !== 0 && vrfTable(vrf) !== table) {
    throw new CniError(
      CniErrorCode.Internal,
      `VRF ${vrfName} already exist with different routing table ${vrfTable(vrf)}`,
    );
  }
  if (vrf === undefined) {
    const made = createVrf(sock, vrfName, table);
    undo.defer(`delete VRF ${vrfName}`, () => {
      if (vrfMembers(sock, made).length === 0) deleteLink(sock, { index: made.index });
    });
    vrf = made;
  }
  enslave(sock, vrf, ifName, undo);
}
