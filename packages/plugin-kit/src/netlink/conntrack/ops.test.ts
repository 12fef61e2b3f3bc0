import { describe, expect, test } from 'bun:test';
import type { NetlinkRequester } from '../socket/requester.ts';
import { deleteUdpConntrackByDstPort, FILTERED_DUMP_ABOVE } from './ops.ts';

/** A requester that answers every dump with nothing and records what was asked. */
function recording(): NetlinkRequester & { readonly ops: string[] } {
  const ops: string[] = [];
  return {
    ops,
    request(request) {
      ops.push(request.op);
      return [];
    },
  };
}

describe('deleteUdpConntrackByDstPort', () => {
  test('an empty table (0 entries) is not dumped at all', () => {
    const sock = recording();
    expect(deleteUdpConntrackByDstPort(sock, [4, 6], [53], 0)).toBe(0);
    expect(sock.ops).toEqual([]);
  });

  test('an unknown count or a small table is read with one dump', () => {
    for (const entries of [undefined, 1, FILTERED_DUMP_ABOVE]) {
      const sock = recording();
      expect(deleteUdpConntrackByDstPort(sock, [4, 6], [53, 54], entries)).toBe(0);
      expect(sock.ops).toEqual(['IPCTNL_MSG_CT_GET']);
    }
  });

  test('a big table is read with one filtered dump per family and port', () => {
    const sock = recording();
    expect(deleteUdpConntrackByDstPort(sock, [4, 6], [53, 54], FILTERED_DUMP_ABOVE + 1)).toBe(0);
    expect(sock.ops).toHaveLength(4);
  });

  test('no family or no port asks nothing', () => {
    const sock = recording();
    expect(deleteUdpConntrackByDstPort(sock, [], [53], 5)).toBe(0);
    expect(deleteUdpConntrackByDstPort(sock, [4], [], 5)).toBe(0);
    expect(sock.ops).toEqual([]);
  });
});
