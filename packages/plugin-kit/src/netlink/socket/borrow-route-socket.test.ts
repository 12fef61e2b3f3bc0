import { describe, expect, test } from 'bun:test';
import { borrowRouteSocket } from './borrow-route-socket.ts';
import type { NetlinkRequester } from './requester.ts';

describe('borrowRouteSocket', () => {
  test("lends the caller's socket and leaves it open", () => {
    let closed = 0;
    const given = {
      request: () => [],
      close: () => {
        closed++;
      },
    } as unknown as NetlinkRequester;
    {
      using borrowed = borrowRouteSocket(undefined, given);
      expect(borrowed.sock).toBe(given);
    }
    expect(closed).toBe(0);
  });
});
