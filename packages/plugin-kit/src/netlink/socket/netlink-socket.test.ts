import { describe, expect, test } from 'bun:test';
import {
  ack,
  createFakeTransport,
  done,
  dumpInterrupted,
  errorReply,
  type FakeHandler,
  multipart,
} from '../../testing/fake-transport.ts';
import { thrown } from '../../testing/thrown.ts';
import { decodeAttributes, nla, read } from '../codec/attributes.ts';
import { NLM_F, NLMSG, RTM } from '../codec/constants.ts';
import { isDecodeError } from '../codec/decode-error.ts';
import { decodeMessages, type NetlinkMessage } from '../codec/header.ts';
import { isDumpInterrupted } from './dump-interrupted-error.ts';
import { CAPTURED, fromHex } from './fixtures/captured-exchanges.ts';
import { createPrng } from './fixtures/prng.ts';
import { isNetlinkError, type NetlinkError } from './netlink-error.ts';
import { NetlinkSocket } from './netlink-socket.ts';
import type { NetlinkRequest } from './requester.ts';

const IFINFOMSG = new Uint8Array(16);
const newLink: NetlinkRequest = {
  op: 'RTM_NEWLINK',
  type: RTM.NEWLINK,
  flags: NLM_F.CREATE | NLM_F.EXCL,
  payload: IFINFOMSG,
};
const dumpLinks: NetlinkRequest = {
  op: 'RTM_GETLINK',
  type: RTM.GETLINK,
  flags: NLM_F.DUMP,
  payload: IFINFOMSG,
};

function part(name: string): Uint8Array {
  return Uint8Array.from([...IFINFOMSG, ...nla.string(3, name)]);
}

function names(messages: readonly NetlinkMessage[]): string[] {
  return messages.map((m) => {
    const [ifname] = decodeAttributes(m.payload.subarray(16), []);
    return ifname === undefined ? '' : read.string(ifname);
  });
}

function socketWith(
  handler: FakeHandler,
  options: { dumpAttempts?: number; initialSequence?: number } = {},
) {
  const transport = createFakeTransport(handler);
  return { transport, socket: new NetlinkSocket(transport, options) };
}

function netlinkError(fn: () => unknown): NetlinkError {
  const error = thrown(fn);
  if (!isNetlinkError(error)) throw error;
  return error;
}

describe('NetlinkSocket.request', () => {
  test('sends REQUEST|ACK plus the request flags, and returns nothing on an ACK', () => {
    const { transport, socket } = socketWith((request) => [ack(request)]);
    expect(socket.request(newLink)).toEqual([]);
    const [sent] = transport.requests;
    expect(sent?.type).toBe(RTM.NEWLINK);
    expect(sent?.flags).toBe(NLM_F.REQUEST | NLM_F.ACK | NLM_F.CREATE | NLM_F.EXCL);
    expect(sent?.pid).toBe(0);
    expect(sent?.payload).toEqual(IFINFOMSG);
  });

  test('numbers requests one after the other and never uses 0', () => {
    const { transport, socket } = socketWith((request) => [ack(request)], {
      initialSequence: 0xfffffffe,
    });
    socket.request(newLink);
    socket.request(newLink);
    expect(transport.requests.map((r) => r.seq)).toEqual([0xffffffff, 1]);
  });

  test('returns the messages that come before the ACK (e.g. NLM_F_ECHO)', () => {
    const { socket } = socketWith((request) => [
      [{ type: RTM.NEWLINK, flags: 0, seq: request.seq, payload: part('x') }, ack(request)],
    ]);
    expect(names(socket.request({ ...newLink, flags: NLM_F.CREATE | NLM_F.ECHO }))).toEqual(['x']);
  });

  test('throws NetlinkError with op, errno and code for a kernel error without extended ack', () => {
    const { socket, transport } = socketWith((request) => [errorReply(request, 'ENODEV')]);
    const error = netlinkError(() => socket.request(newLink));
    expect(error.op).toBe('RTM_NEWLINK');
    expect(error.errno).toBe(19);
    expect(error.code).toBe('ENODEV');
    expect(error.extack).toBeUndefined();
    expect(error.seq).toBe(transport.requests[0]?.seq ?? -1);
    expect(error.message).toBe('RTM_NEWLINK: ENODEV (no such device)');
  });

  test('carries the extended ack message and offset into the error', () => {
    const { socket } = socketWith((request) => [
      errorReply(request, 'EEXIST', { message: 'Link already exists', offset: 32 }),
    ]);
    const error = netlinkError(() => socket.request(newLink));
    expect(error.code).toBe('EEXIST');
    expect(error.extack).toEqual({ message: 'Link already exists', offset: 32 });
    expect(error.message).toBe('RTM_NEWLINK: EEXIST (file exists): Link already exists');
  });

  test('reads a capped error echo the same way', () => {
    const { socket } = socketWith((request) => [
      errorReply(request, 'EBUSY', undefined, { capped: true }),
    ]);
    expect(netlinkError(() => socket.request(newLink)).code).toBe('EBUSY');
  });

  test('an ACK with a warning is still success', () => {
    const { socket } = socketWith((request) => [
      ack(request, { message: 'Warning: something odd' }),
    ]);
    expect(socket.request(newLink)).toEqual([]);
  });
});

describe('NetlinkSocket.request for dumps', () => {
  test('sends REQUEST|DUMP without ACK and gathers every part until NLMSG_DONE', () => {
    const { socket, transport } = socketWith((request) => [
      multipart(request, RTM.NEWLINK, [part('lo'), part('eth0')]), // one datagram
    ]);
    expect(names(socket.request(dumpLinks))).toEqual(['lo', 'eth0']);
    expect(transport.requests[0]?.flags).toBe(NLM_F.REQUEST | NLM_F.DUMP);
  });

  test('gathers parts spread over several datagrams', () => {
    const { socket } = socketWith((request) => [
      ...multipart(request, RTM.NEWLINK, [part('a'), part('b'), part('c')]), // one datagram each
    ]);
    expect(names(socket.request(dumpLinks))).toEqual(['a', 'b', 'c']);
  });

  test('an empty dump is just NLMSG_DONE', () => {
    const { socket } = socketWith((request) => [done(request)]);
    expect(socket.request(dumpLinks)).toEqual([]);
  });

  test('a reply without NLM_F_MULTI ends a dump that gets no DONE', () => {
    const { socket } = socketWith((request) => [
      { type: RTM.NEWLINK, flags: 0, seq: request.seq, payload: part('lo') },
    ]);
    expect(names(socket.request(dumpLinks))).toEqual(['lo']);
  });

  test('throws NetlinkError with the extended ack from an NLMSG_DONE that carries an error', () => {
    const { socket } = socketWith((request) => [
      { type: RTM.NEWLINK, flags: NLM_F.MULTI, seq: request.seq, payload: part('lo') },
      done(request, { errno: 'EMSGSIZE', extack: { message: 'dump too large' } }),
    ]);
    const error = netlinkError(() => socket.request(dumpLinks));
    expect(error.op).toBe('RTM_GETLINK');
    expect(error.code).toBe('EMSGSIZE');
    expect(error.message).toBe('RTM_GETLINK: EMSGSIZE (message too long): dump too large');
  });

  test('throws NetlinkError when the dump cannot start (NLMSG_ERROR)', () => {
    const { socket } = socketWith((request) => [errorReply(request, 'EOPNOTSUPP')]);
    expect(netlinkError(() => socket.request(dumpLinks)).code).toBe('EOPNOTSUPP');
  });

  test('repeats a dump marked NLM_F_DUMP_INTR and returns the consistent attempt', () => {
    let calls = 0;
    const { socket, transport } = socketWith((request) => {
      calls++;
      return calls === 1
        ? dumpInterrupted(request, RTM.NEWLINK, [part('old')])
        : multipart(request, RTM.NEWLINK, [part('lo'), part('new')]);
    });
    expect(names(socket.request(dumpLinks))).toEqual(['lo', 'new']);
    expect(transport.requests).toHaveLength(2);
    expect(transport.requests[1]?.seq).not.toBe(transport.requests[0]?.seq);
  });

  test('a DUMP_INTR flag on NLMSG_DONE alone also counts', () => {
    let calls = 0;
    const { socket } = socketWith((request) => {
      calls++;
      return [
        { type: RTM.NEWLINK, flags: NLM_F.MULTI, seq: request.seq, payload: part(`try${calls}`) },
        done(request, { interrupted: calls === 1 }),
      ];
    });
    expect(names(socket.request(dumpLinks))).toEqual(['try2']);
  });

  test('throws DumpInterruptedError with the last attempt when every attempt is interrupted', () => {
    const { socket, transport } = socketWith((request) =>
      dumpInterrupted(request, RTM.NEWLINK, [part('x')]),
    );
    const error = thrown(() => socket.request(dumpLinks));
    if (!isDumpInterrupted(error)) throw error;
    expect(error.attempts).toBe(5);
    expect(error.op).toBe('RTM_GETLINK');
    expect(names(error.messages)).toEqual(['x']);
    expect(transport.requests).toHaveLength(5);
  });

  test('honours dumpAttempts', () => {
    const { socket, transport } = socketWith(
      (request) => dumpInterrupted(request, RTM.NEWLINK, []),
      {
        dumpAttempts: 2,
      },
    );
    expect(isDumpInterrupted(thrown(() => socket.request(dumpLinks)))).toBe(true);
    expect(transport.requests).toHaveLength(2);
  });

  test('never repeats a request that is not a dump', () => {
    const { socket, transport } = socketWith((request) => [
      [
        { type: RTM.NEWLINK, flags: NLM_F.DUMP_INTR, seq: request.seq, payload: part('x') },
        ack(request),
      ],
    ]);
    expect(names(socket.request(newLink))).toEqual(['x']);
    expect(transport.requests).toHaveLength(1);
  });
});

describe('NetlinkSocket reply checks', () => {
  test('skips messages with another sequence number (late replies)', () => {
    const { socket } = socketWith((request) => [
      errorReply({ ...request, seq: request.seq - 1 }, 'EEXIST'),
      [
        { type: RTM.NEWLINK, flags: NLM_F.MULTI, seq: request.seq + 7, payload: part('stray') },
        ack(request),
      ],
    ]);
    expect(socket.request(newLink)).toEqual([]);
  });

  test('skips what is left of a failed exchange on the next request', () => {
    let calls = 0;
    const { socket } = socketWith((request) => {
      calls++;
      if (calls > 1) return [ack(request)];
      return [
        { type: RTM.NEWLINK, flags: NLM_F.MULTI, seq: request.seq, pid: 77, payload: part('a') },
        ...multipart(request, RTM.NEWLINK, [part('b')]),
      ];
    });
    expect(netlinkError(() => socket.request(dumpLinks)).code).toBe('EPROTO');
    expect(socket.request(newLink)).toEqual([]);
  });

  test('rejects a reply addressed to another port with NetlinkError EPROTO', () => {
    const { socket } = socketWith((request) => [{ ...ack(request), pid: 9999 }]);
    const error = netlinkError(() => socket.request(newLink));
    expect(error.code).toBe('EPROTO');
    expect(error.detail).toBe('reply addressed to port 9999, this socket is port 4242');
    expect(error.message).toBe(
      'RTM_NEWLINK: EPROTO (protocol error): reply addressed to port 9999, this socket is port 4242',
    );
  });

  test('accepts a reply with port 0 (kernel-originated)', () => {
    const { socket } = socketWith((request) => [{ ...ack(request), pid: 0 }]);
    expect(socket.request(newLink)).toEqual([]);
  });

  test('throws NetlinkError ENOBUFS on NLMSG_OVERRUN', () => {
    const { socket } = socketWith((request) => [
      { type: NLMSG.OVERRUN, flags: 0, seq: request.seq, payload: new Uint8Array(0) },
    ]);
    const error = netlinkError(() => socket.request(dumpLinks));
    expect(error.code).toBe('ENOBUFS');
    expect(error.detail).toContain('NLMSG_OVERRUN');
  });

  test('ignores NLMSG_NOOP', () => {
    const { socket } = socketWith((request) => [
      { type: NLMSG.NOOP, flags: 0, seq: request.seq, payload: new Uint8Array(0) },
      ack(request),
    ]);
    expect(socket.request(newLink)).toEqual([]);
  });

  test('throws DecodeError for a malformed datagram', () => {
    const { socket } = socketWith(() => [Uint8Array.of(0x40, 0, 0, 0, 2, 0)]);
    expect(isDecodeError(thrown(() => socket.request(newLink)))).toBe(true);
  });

  test('throws DecodeError for an NLMSG_ERROR too short for struct nlmsgerr', () => {
    const { socket } = socketWith((request) => [
      { type: NLMSG.ERROR, flags: 0, seq: request.seq, payload: new Uint8Array(8) },
    ]);
    expect(isDecodeError(thrown(() => socket.request(newLink)))).toBe(true);
  });
});

describe('NetlinkSocket.close', () => {
  test('closes the transport once; later requests throw NetlinkError EBADF', () => {
    const { socket, transport } = socketWith((request) => [ack(request)]);
    socket.close();
    socket.close();
    expect(transport.closed).toBe(true);
    expect(socket.closed).toBe(true);
    const error = netlinkError(() => socket.request(newLink));
    expect(error.code).toBe('EBADF');
    expect(transport.requests).toHaveLength(0);
  });

  test('closes at the end of a using block', () => {
    const transport = createFakeTransport((request) => [ack(request)]);
    {
      using socket = new NetlinkSocket(transport);
      socket.request(newLink);
    }
    expect(transport.closed).toBe(true);
  });
});

describe('NetlinkSocket against captured kernel exchanges', () => {
  function replay(exchange: (typeof CAPTURED)[keyof typeof CAPTURED]) {
    const request = fromHex(exchange.request);
    const [header] = decodeMessages(request);
    if (header === undefined) throw new Error('empty capture');
    const transport = createFakeTransport(() => exchange.replies.map(fromHex), {
      portId: exchange.portId,
    });
    const socket = new NetlinkSocket(transport, { initialSequence: header.seq - 1 });
    return { transport, socket, header, request };
  }

  test('sends the bytes ip sent for `ip link add x type nosuchkind` and reports the kernel text', () => {
    const { transport, socket, header, request } = replay(CAPTURED.unknownKind);
    const error = netlinkError(() =>
      socket.request({
        op: 'RTM_NEWLINK',
        type: RTM.NEWLINK,
        flags: NLM_F.CREATE | NLM_F.EXCL,
        payload: header.payload,
      }),
    );
    expect(transport.sent[0]).toEqual(request);
    expect(error.errno).toBe(95);
    expect(error.code).toBe('EOPNOTSUPP');
    expect(error.extack).toEqual({ message: 'Unknown device type' });
    expect(error.seq).toBe(header.seq);
    expect(error.message).toBe(
      'RTM_NEWLINK: EOPNOTSUPP (operation not supported): Unknown device type',
    );
  });

  test('reports ENETUNREACH and the nexthop text for `ip route add … via` an unreachable gateway', () => {
    const { transport, socket, header, request } = replay(CAPTURED.invalidGateway);
    const error = netlinkError(() =>
      socket.request({
        op: 'RTM_NEWROUTE',
        type: RTM.NEWROUTE,
        flags: NLM_F.CREATE | NLM_F.EXCL,
        payload: header.payload,
      }),
    );
    expect(transport.sent[0]).toEqual(request);
    expect(error.message).toBe(
      'RTM_NEWROUTE: ENETUNREACH (network is unreachable): Nexthop has invalid gateway',
    );
  });

  test('takes the capped ACK of `ip link set lo up` as success', () => {
    const { transport, socket, header, request } = replay(CAPTURED.linkUp);
    expect(
      socket.request({ op: 'RTM_NEWLINK', type: RTM.NEWLINK, flags: 0, payload: header.payload }),
    ).toEqual([]);
    expect(transport.sent[0]).toEqual(request);
  });

  test('gathers the `ip -o link show` dump: lo, then DONE', () => {
    const { transport, socket, header, request } = replay(CAPTURED.linkDump);
    const messages = socket.request({
      op: 'RTM_GETLINK',
      type: RTM.GETLINK,
      flags: NLM_F.DUMP,
      payload: header.payload,
    });
    expect(transport.sent[0]).toEqual(request);
    expect(messages.map((m) => m.type)).toEqual([RTM.NEWLINK]);
    expect(names(messages)).toEqual(['lo']);
  });
});

describe('NetlinkSocket properties', () => {
  test('random replies give a result, NetlinkError, DecodeError or DumpInterruptedError, nothing else', () => {
    const prng = createPrng(0x5eed0002);
    const types = [NLMSG.NOOP, NLMSG.ERROR, NLMSG.DONE, NLMSG.OVERRUN, RTM.NEWLINK, 0, 7, 0xffff];
    const flagBits = [0, NLM_F.MULTI, NLM_F.DUMP_INTR, NLM_F.CAPPED, NLM_F.ACK_TLVS, 0xffff];
    const randomDatagram = (request: NetlinkMessage): Uint8Array => {
      if (prng.int(4) === 0) return prng.bytes(prng.int(80)); // raw noise
      const count = 1 + prng.int(3);
      const parts: Uint8Array[] = [];
      for (let i = 0; i < count; i++) {
        const payload = prng.bytes(prng.int(64));
        const length = 16 + payload.length;
        const bytes = new Uint8Array((length + 3) & ~3);
        const view = new DataView(bytes.buffer);
        view.setUint32(0, prng.int(8) === 0 ? prng.int(200) : length, true);
        view.setUint16(4, prng.pick(types), true);
        view.setUint16(6, prng.pick(flagBits) | prng.pick(flagBits), true);
        view.setUint32(8, prng.int(3) === 0 ? prng.int(0xffffffff) : request.seq, true);
        view.setUint32(12, prng.pick([4242, 4242, 0, prng.int(0xffffffff)]), true);
        bytes.set(payload, 16);
        parts.push(bytes);
      }
      return Uint8Array.from(parts.flatMap((p) => [...p]));
    };
    const outcomes = { result: 0, netlink: 0, decode: 0, interrupted: 0 };
    for (let i = 0; i < 3000; i++) {
      const dump = prng.int(2) === 0;
      const { socket } = socketWith(
        (request) => [randomDatagram(request), dump ? done(request) : ack(request)],
        { dumpAttempts: 1 + prng.int(2) },
      );
      try {
        socket.request(dump ? dumpLinks : newLink);
        outcomes.result++;
      } catch (error) {
        if (isNetlinkError(error)) outcomes.netlink++;
        else if (isDecodeError(error)) outcomes.decode++;
        else if (isDumpInterrupted(error)) outcomes.interrupted++;
        else throw error;
      }
    }
    // Every kind of outcome was reached, so the generator exercises the socket.
    expect(outcomes.result).toBeGreaterThan(0);
    expect(outcomes.netlink).toBeGreaterThan(0);
    expect(outcomes.decode).toBeGreaterThan(0);
    expect(outcomes.interrupted).toBeGreaterThan(0);
  });
});
