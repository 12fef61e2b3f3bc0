import type { AttachmentMarker } from './attachment-markers.ts';

/** An attachment GC was told is still valid. */
export interface ValidAttachment {
  readonly containerId: string;
  readonly ifName: string;
}

/** What GC of one network removes: the rules of these container ids, then these markers. */
export interface GcPlan {
  readonly containerIds: readonly string[];
  readonly markers: readonly AttachmentMarker[];
}

/**
 * The nftables GC of one network. A marker whose attachment is not valid is stale and
 * goes. The rules carry only the container id, shared by all of a container's attachments,
 * so a stale marker's rules go only when no valid attachment of the network has its id and
 * no other network recorded it (`elsewhere`); otherwise they stay for that owner's DEL.
 * Rules no marker names (the Go plugin's, whose network cannot be known) are never touched.
 */
export function gcPlan(
  markers: readonly AttachmentMarker[],
  valid: readonly ValidAttachment[],
  elsewhere: ReadonlySet<string>,
): GcPlan {
  const validKeys = new Set(valid.map((a) => `${a.containerId}\0${a.ifName}`));
  const validIds = new Set(valid.map((a) => a.containerId));
  const stale = markers.filter((m) => !validKeys.has(`${m.containerId}\0${m.ifName}`));
  const containerIds = [...new Set(stale.map((m) => m.containerId))].filter(
    (id) => !validIds.has(id) && !elsewhere.has(id),
  );
  return { containerIds, markers: stale };
}
