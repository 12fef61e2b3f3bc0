// Internal: looking a link up by name with upstream's error texts. vishvananda/netlink
// reports a missing link as "Link not found"; upstream wraps that in its own words.
import { isNotFound } from '../errors/predicates.ts';
import { getLink } from '../netlink/route/link/ops.ts';
import type { Link } from '../netlink/route/link/types.ts';
import type { NetlinkRequester } from '../netlink/socket/requester.ts';
import { goErrorText } from './_go-format.ts';
import { NetSetupError } from './net-setup-error.ts';

/** The text Go's netlink gives for a lookup failure: "Link not found" when the link is missing. */
export function lookupErrorText(error: unknown): string {
  return isNotFound(error) ? 'Link not found' : goErrorText(error);
}

/** getLink by name, failing with NetSetupError(`<prefix> "<name>": <why>`) as upstream words it. */
export function linkByName(sock: NetlinkRequester, name: string, op: string, prefix: string): Link {
  try {
    return getLink(sock, { name });
  } catch (error) {
    throw new NetSetupError(
      op,
      'kernel',
      `${prefix} ${JSON.stringify(name)}: ${lookupErrorText(error)}`,
      error,
    );
  }
}
