import { describe, expect, test } from 'bun:test';
import { nla } from '../netlink/codec/attributes.ts';
import { NLM_F, NLMSG, NLMSGERR_ATTR, RTM } from '../netlink/codec/constants.ts';
import { decodeMessages, encodeMessage, type NetlinkMessage } from '../netlink/codec/header.ts';
import { decodeDone, decodeExtack, decodeNlmsgerr } from '../netlink/socket/nlmsgerr.ts';
import {
  ack,
  createFakeTransport,
  done,
  dumpInterrupted,
  errorReply,
  FAKE_PORT_ID,
  multipart,
} from './fake-transport.ts';

const request: NetlinkMessage = {
  type: RTM.NEWLINK,
  flags: NLM_F.REQUEST | NLM_F.ACK,
  seq: 77,
  pid: 0,
  payload: Uint8Array.from([...new Uint8Array(16), ...nla.string(3, 'x')]),
};

function received(transport: { receive(): Uint8Array }): NetlinkMessage[] {
  return decodeMessages(transport.receive());
}

describe('createFakeTransport', () => {
  test('hands each request to the handler and queues its datagrams in order', () => {
    const seen: NetlinkMessage[] = [];
    const transport = createFakeTransport((req) => {
      seen.push(req);
      return [ack(req), Uint8Array.of(1, 2, 3)];
    });
    transport.send(encodeMessage(request));
    expect(seen).toEqual([request]);
    expect(transport.requests).toEqual([request]);
    expect(transport.sent).toEqual([encodeMessage(request)]);
    expect(transport.pending).toBe(2);
    expect(received(transport)[0]?.type).toBe(NLMSG.ERROR);
    expect(transport.receive()).toEqual(Uint8Array.of(1, 2, 3));
    expect(transport.pending).toBe(0);
  });

  test('fills in its port id unless a reply sets pid', () => {
    const transport = createFakeTransport((req) => [ack(req), { ...ack(req), pid: 5 }], {
      portId: 99,
    });
    transport.send(encodeMessage(request));
    expect(transport.portId).toBe(99);
    expect(received(transport)[0]?.pid).toBe(99);
    expect(received(transport)[0]?.pid).toBe(5);
  });

  test('sends a list of messages as one datagram', () => {
    const transport = createFakeTransport((req) => [
      multipart(req, RTM.NEWLINK, [new Uint8Array(16)]),
    ]);
    transport.send(encodeMessage(request));
    expect(received(transport).map((m) => m.type)).toEqual([RTM.NEWLINK, NLMSG.DONE]);
  });

  test('throws on receive() with nothing queued, and after close()', () => {
    const transport = createFakeTransport(() => []);
    expect(() => transport.receive()).toThrow('no reply queued');
    transport.close();
    expect(transport.closed).toBe(true);
    expect(() => transport.send(encodeMessage(request))).toThrow('after close');
  });

  test('defaults to FAKE_PORT_ID', () => {
    expect(createFakeTransport(() => []).portId).toBe(FAKE_PORT_ID);
  });
});

describe('reply builders', () => {
  test('ack: NLMSG_ERROR 0, capped, echoing the request header', () => {
    const reply = ack(request);
    expect(reply).toMatchObject({ type: NLMSG.ERROR, flags: NLM_F.CAPPED, seq: 77 });
    expect(decodeNlmsgerr(reply.payload, reply.flags)).toEqual({
      error: 0,
      request: {
        length: 16 + request.payload.length,
        type: RTM.NEWLINK,
        flags: request.flags,
        seq: 77,
        pid: 0,
      },
      requestPayload: new Uint8Array(0),
      capped: true,
      attributes: [],
    });
  });

  test('errorReply: -errno by number or name, the whole request, and the extended ack', () => {
    const reply = errorReply(request, 'EEXIST', { message: 'exists', offset: 32 });
    expect(reply.flags).toBe(NLM_F.ACK_TLVS);
    const decoded = decodeNlmsgerr(reply.payload, reply.flags);
    expect(decoded.error).toBe(-17);
    expect(decoded.requestPayload).toEqual(request.payload);
    expect(decodeExtack(decoded.attributes, [])).toEqual({ message: 'exists', offset: 32 });
    expect(decoded.attributes.map((a) => a.type)).toEqual([NLMSGERR_ATTR.MSG, NLMSGERR_ATTR.OFFS]);
    expect(decodeNlmsgerr(errorReply(request, 19).payload, 0).error).toBe(-19);
    expect(() => errorReply(request, 'ENOSUCH')).toThrow('unknown errno name ENOSUCH');
  });

  test('errorReply capped echoes only the header', () => {
    const reply = errorReply(request, 'EBUSY', undefined, { capped: true });
    expect(reply.flags).toBe(NLM_F.CAPPED);
    expect(decodeNlmsgerr(reply.payload, reply.flags).requestPayload).toEqual(new Uint8Array(0));
  });

  test('done: MULTI, status, extended ack, DUMP_INTR on request', () => {
    expect(done(request)).toMatchObject({ type: NLMSG.DONE, flags: NLM_F.MULTI, seq: 77 });
    const failed = done(request, {
      errno: 'EMSGSIZE',
      extack: { message: 'big' },
      interrupted: true,
    });
    expect(failed.flags).toBe(NLM_F.MULTI | NLM_F.ACK_TLVS | NLM_F.DUMP_INTR);
    const decoded = decodeDone(failed.payload, failed.flags);
    expect(decoded.error).toBe(-90);
    expect(decodeExtack(decoded.attributes, [])).toEqual({ message: 'big' });
  });

  test('multipart and dumpInterrupted: MULTI parts then DONE, DUMP_INTR on all when interrupted', () => {
    const parts = [Uint8Array.of(1, 2, 3, 4), Uint8Array.of(5, 6, 7, 8)];
    expect(multipart(request, RTM.NEWLINK, parts).map((m) => [m.type, m.flags, m.seq])).toEqual([
      [RTM.NEWLINK, NLM_F.MULTI, 77],
      [RTM.NEWLINK, NLM_F.MULTI, 77],
      [NLMSG.DONE, NLM_F.MULTI, 77],
    ]);
    expect(dumpInterrupted(request, RTM.NEWLINK, parts).map((m) => m.flags)).toEqual([
      NLM_F.MULTI | NLM_F.DUMP_INTR,
      NLM_F.MULTI | NLM_F.DUMP_INTR,
      NLM_F.MULTI | NLM_F.DUMP_INTR,
    ]);
  });
});
