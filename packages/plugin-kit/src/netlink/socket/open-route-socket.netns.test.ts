// Root-only: a real NETLINK_ROUTE socket opened inside a throwaway namespace. Nothing here
// touches the machine's own namespace; the only requests that would change state are
// refused by the kernel, and they are sent to the throwaway namespace anyway.
import { afterEach, beforeEach, describe, expect, test } from 'bun:test';
import { readlinkSync } from 'node:fs';
import { isExists, isNotFound, isNotSupported } from '../../errors/predicates.ts';
import { canUseNetns, createTestNetns, type TestNetns } from '../../testing/test-netns.ts';
import { thrown } from '../../testing/thrown.ts';
import { useTimeLimit } from '../../testing/time-limits.ts';
import { decodeAttributes, indexAttributes, nla, read } from '../codec/attributes.ts';
import { NLA_F, NLM_F, RTM } from '../codec/constants.ts';
import type { NetlinkMessage } from '../codec/header.ts';
import { isNetlinkError, type NetlinkError } from './netlink-error.ts';
import type { NetlinkSocket } from './netlink-socket.ts';
import { openRouteSocket } from './open-route-socket.ts';

useTimeLimit('netns');

const IFLA_IFNAME = 3;
const IFLA_LINKINFO = 18;
const IFLA_INFO_KIND = 1;

/** struct ifinfomsg with the given index; all else zero. */
function ifinfomsg(index = 0): Uint8Array {
  const bytes = new Uint8Array(16);
  new DataView(bytes.buffer).setInt32(4, index, true);
  return bytes;
}

function linkNames(messages: readonly NetlinkMessage[]): string[] {
  return messages.map((message) => {
    const ifname = indexAttributes(decodeAttributes(message.payload.subarray(16), [])).get(
      IFLA_IFNAME,
    );
    return ifname === undefined ? '' : read.string(ifname);
  });
}

function dumpLinks(socket: NetlinkSocket): NetlinkMessage[] {
  return socket.request({
    op: 'RTM_GETLINK',
    type: RTM.GETLINK,
    flags: NLM_F.DUMP,
    payload: ifinfomsg(),
  });
}

function netlinkError(fn: () => unknown): NetlinkError {
  const error = thrown(fn);
  if (!isNetlinkError(error)) throw error;
  return error;
}

describe.skipIf(!canUseNetns())('openRouteSocket in a throwaway namespace', () => {
  let netns: TestNetns;
  let socket: NetlinkSocket;

  beforeEach(() => {
    netns = createTestNetns();
    socket = openRouteSocket({ netns: netns.ns });
  });

  afterEach(() => {
    socket.close();
    netns.remove();
  });

  test('dumps the links of that namespace (lo only), as ip sees them', () => {
    const names = linkNames(dumpLinks(socket));
    expect(names).toEqual(['lo']);
    const seen = netns
      .exec(['ip', '-o', 'link', 'show'])
      .trim()
      .split('\n')
      .map((line) => line.split(': ')[1] ?? line);
    expect(names).toEqual(seen);
  });

  test('leaves the thread in its own namespace', () => {
    const before = readlinkSync('/proc/thread-self/ns/net');
    using other = openRouteSocket({ netns: netns.ns });
    expect(linkNames(dumpLinks(other))).toEqual(['lo']);
    expect(readlinkSync('/proc/thread-self/ns/net')).toBe(before);
  });

  test('reports an unknown link kind with the kernel extended-ack text', () => {
    const error = netlinkError(() =>
      socket.request({
        op: 'RTM_NEWLINK',
        type: RTM.NEWLINK,
        flags: NLM_F.CREATE | NLM_F.EXCL,
        payload: Uint8Array.from([
          ...ifinfomsg(),
          ...nla.string(IFLA_IFNAME, 'x'),
          ...nla.nested(IFLA_LINKINFO | NLA_F.NESTED, [nla.string(IFLA_INFO_KIND, 'nosuchkind')]),
        ]),
      }),
    );
    expect(error.code).toBe('EOPNOTSUPP');
    expect(error.extack?.message).toBe('Unknown device type');
    expect(error.message).toBe(
      'RTM_NEWLINK: EOPNOTSUPP (operation not supported): Unknown device type',
    );
    expect(isNotSupported(error)).toBe(true);
    expect(linkNames(dumpLinks(socket))).toEqual(['lo']);
  });

  test('reports the offset of an attribute that fails the kernel policy', () => {
    // IFLA_IFNAME longer than IFNAMSIZ - 1: the attribute starts right after the 16-byte
    // nlmsghdr and the 16-byte ifinfomsg, at offset 32.
    const error = netlinkError(() =>
      socket.request({
        op: 'RTM_NEWLINK',
        type: RTM.NEWLINK,
        flags: NLM_F.CREATE | NLM_F.EXCL,
        payload: Uint8Array.from([
          ...ifinfomsg(),
          ...nla.string(IFLA_IFNAME, 'a-name-far-too-long-for-linux'),
        ]),
      }),
    );
    expect(error.code).toBe('ERANGE');
    expect(error.extack).toEqual({ message: 'Attribute failed policy validation', offset: 32 });
    expect(error.message).toBe(
      'RTM_NEWLINK: ERANGE (numerical result out of range): Attribute failed policy validation',
    );
  });

  test('reports a missing link as not found (ENODEV)', () => {
    const error = netlinkError(() =>
      socket.request({ op: 'RTM_DELLINK', type: RTM.DELLINK, flags: 0, payload: ifinfomsg(4242) }),
    );
    expect(error.code).toBe('ENODEV');
    expect(isNotFound(error)).toBe(true);
  });

  test('reports an existing name with NLM_F_EXCL as exists (EEXIST)', () => {
    const error = netlinkError(() =>
      socket.request({
        op: 'RTM_NEWLINK',
        type: RTM.NEWLINK,
        flags: NLM_F.CREATE | NLM_F.EXCL,
        payload: Uint8Array.from([...ifinfomsg(), ...nla.string(IFLA_IFNAME, 'lo')]),
      }),
    );
    expect(error.code).toBe('EEXIST');
    expect(isExists(error)).toBe(true);
  });

  test('keeps working after a failed request', () => {
    thrown(() =>
      socket.request({ op: 'RTM_DELLINK', type: RTM.DELLINK, flags: 0, payload: ifinfomsg(4242) }),
    );
    expect(linkNames(dumpLinks(socket))).toEqual(['lo']);
  });
});
