import {
  addFilter,
  addQdisc,
  bandwidthIngressMessage,
  bandwidthIngressTarget,
  bandwidthPacingTbfMessage,
  bandwidthRedirectFilterMessage,
  bandwidthTbfMessage,
  bandwidthTbfTarget,
  deleteQdisc,
  goErrorText,
  isNotFound,
  listQdiscs,
  type NetlinkRequester,
  type Netns,
  openRouteSocket,
  type QdiscTarget,
  type UndoStack,
} from '@cni-ts/plugin-kit';
import { CniError, CniErrorCode } from '@cni-ts/spec-types';
import type { Shaping } from './limits.ts';

/** Runs one kernel step, failing as upstream words it: `<what>: <errno text>`. */
function step(what: string, work: () => void): void {
  try {
    work();
  } catch (error) {
    throw new CniError(CniErrorCode.Internal, `${what}: ${goErrorText(error)}`, { cause: error });
  }
}

/** Deletes one of the plugin's qdiscs through a socket of its own (for undo steps). */
function undoQdisc(target: QdiscTarget, netns?: Netns): () => void {
  return () => {
    using sock = openRouteSocket(netns === undefined ? {} : { netns });
    removeQdisc(sock, target);
  };
}

/**
 * Deletes one of the plugin's qdiscs if the link has it (the kernel answers EINVAL, not
 * ENOENT, for a handle that is not there); a missing qdisc or link is fine.
 */
export function removeQdisc(sock: NetlinkRequester, target: QdiscTarget): void {
  try {
    const present = listQdiscs(sock, { index: target.index }).some(
      (qdisc) =>
        qdisc.handle === target.handle &&
        qdisc.parent === target.parent &&
        qdisc.kind === target.kind,
    );
    if (present) deleteQdisc(sock, target);
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
}

/** Traffic towards the container: the root tbf `1:` on the host veth. Undo steps open their own sockets. */
export function limitIngress(
  sock: NetlinkRequester,
  hostIndex: number,
  limit: Shaping,
  undo: UndoStack,
): void {
  step('create qdisc', () =>
    addQdisc(sock, bandwidthTbfMessage(hostIndex, limit.rate, limit.burst)),
  );
  undo.defer('delete host tbf', undoQdisc(bandwidthTbfTarget(hostIndex)));
}

/**
 * Traffic from the container: the ingress qdisc `ffff:` on the host veth with the u32
 * filter redirecting everything to the ifb, and the root tbf `1:` on the ifb.
 */
export function limitEgress(
  sock: NetlinkRequester,
  hostIndex: number,
  ifbIndex: number,
  limit: Shaping,
  undo: UndoStack,
): void {
  step('create ingress qdisc', () => addQdisc(sock, bandwidthIngressMessage(hostIndex)));
  undo.defer('delete host ingress qdisc', undoQdisc(bandwidthIngressTarget(hostIndex)));
  step('add filter', () => addFilter(sock, bandwidthRedirectFilterMessage(hostIndex, ifbIndex)));
  step('create qdisc', () =>
    addQdisc(sock, bandwidthTbfMessage(ifbIndex, limit.rate, limit.burst)),
  );
}

/**
 * Ours: the egress rate again on the container's own interface with room to queue, so a
 * sender there waits at the rate instead of losing what the ifb drops (UDP above all).
 */
export function paceSender(
  netns: Netns,
  containerIndex: number,
  limit: Shaping,
  undo: UndoStack,
): void {
  step('create pacing qdisc', () => {
    using sock = openRouteSocket({ netns });
    addQdisc(sock, bandwidthPacingTbfMessage(containerIndex, limit.rate, limit.burst));
  });
  undo.defer('delete pacing tbf', undoQdisc(bandwidthTbfTarget(containerIndex), netns));
}
