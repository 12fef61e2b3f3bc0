import { describe, expect, test } from 'bun:test';
import {
  bind,
  close,
  MSG_PEEK,
  MSG_TRUNC,
  recvmsg,
  SOCK_CLOEXEC,
  SOCK_RAW,
  sendmsg,
  socket,
} from './libc.ts';

const AF_NETLINK = 16;
const NETLINK_ROUTE = 0;

function sockaddrNl(): Uint8Array {
  const address = new Uint8Array(12);
  new DataView(address.buffer).setUint16(0, AF_NETLINK, true);
  return address;
}

// sendmsg/recvmsg build struct msghdr and iovecs themselves. A read-only exchange with the
// kernel shows it: an RTM_GETLINK dump request sent as two gathered pieces, and the reply
// read back with MSG_TRUNC reported in msg_flags. Nothing is changed anywhere.
describe('sendmsg and recvmsg', () => {
  test('gather a request from two buffers and report truncation of the reply', () => {
    const fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
    try {
      bind(fd, sockaddrNl());
      const header = new Uint8Array(16);
      const view = new DataView(header.buffer);
      view.setUint32(0, 32, true); // nlmsg_len: header + 16-byte ifinfomsg
      view.setUint16(4, 18, true); // RTM_GETLINK
      view.setUint16(6, 0x301, true); // NLM_F_REQUEST | NLM_F_DUMP
      view.setUint32(8, 7, true); // seq
      const body = new Uint8Array(16); // ifinfomsg, all zero
      expect(sendmsg(fd, [header, body], 0, sockaddrNl())).toBe(32);

      const small = new Uint8Array(8);
      const peek = recvmsg(fd, small, MSG_PEEK | MSG_TRUNC);
      expect(peek.length).toBeGreaterThan(small.length);
      expect(peek.flags & MSG_TRUNC).toBe(MSG_TRUNC);

      const full = new Uint8Array(peek.length);
      const got = recvmsg(fd, full, 0);
      expect(got).toEqual({ length: peek.length, flags: 0 });
      const reply = new DataView(full.buffer);
      expect(reply.getUint32(8, true)).toBe(7); // the reply carries our sequence number
      expect([16, 3]).toContain(reply.getUint16(4, true)); // RTM_NEWLINK, or DONE if no links
    } finally {
      close(fd);
    }
  });
});
