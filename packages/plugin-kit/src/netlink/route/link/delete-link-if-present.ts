import { isNotFound } from '../../../errors/predicates.ts';
import type { NetlinkRequester } from '../../socket/requester.ts';
import { deleteLink } from './ops.ts';
import type { LinkRef } from './types.ts';

/** deleteLink where a link that is already gone is success (undo steps, idempotent DEL). */
export function deleteLinkIfPresent(sock: NetlinkRequester, ref: LinkRef): void {
  try {
    deleteLink(sock, ref);
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
}
