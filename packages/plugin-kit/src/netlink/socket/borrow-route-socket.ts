import type { Netns } from '../../netns/netns.ts';
import { openRouteSocket } from './open-route-socket.ts';
import type { NetlinkRequester } from './requester.ts';

/** A route socket for one use: the caller's own, or one opened for it and closed after. */
export interface BorrowedRouteSocket extends Disposable {
  readonly sock: NetlinkRequester;
}

/**
 * `given` when the caller already holds a route socket in `netns` (one socket per namespace
 * for a whole ADD), else a new one opened in `netns` and closed at dispose. The caller's
 * socket is never closed here.
 */
export function borrowRouteSocket(
  netns: Netns | undefined,
  given: NetlinkRequester | undefined,
): BorrowedRouteSocket {
  if (given !== undefined) return { sock: given, [Symbol.dispose]() {} };
  const opened = openRouteSocket(netns === undefined ? {} : { netns });
  return { sock: opened, [Symbol.dispose]: () => opened.close() };
}
