// The operations over a fake kernel that answers with the replies captured from the real one.
import { describe, expect, test } from 'bun:test';
import { isNotFound } from '../../../errors/predicates.ts';
import { ack, FAKE_PORT_ID, multipart } from '../../../testing/fake-transport.ts';
import { NLMSG } from '../../codec/constants.ts';
import { decodeMessages, type NetlinkMessage } from '../../codec/header.ts';
import { NetlinkError } from '../../socket/netlink-error.ts';
import { goBandwidthRequests, tcCaptures } from './_captures.ts';
import { captured, fakeSocket, replyTo, zeroSeqPid } from './_test-support.ts';
import { bandwidthTbfMessage } from './bandwidth.ts';
import { ETH_P, TC_H, TCA_EGRESS_REDIR } from './constants.ts';
import { tcHandle } from './handle.ts';
import {
  addFilter,
  addQdisc,
  deleteFilter,
  deleteQdisc,
  listFilters,
  listQdiscs,
  replaceQdisc,
} from './ops.ts';

const INGRESS = tcHandle(0xffff, 0);

/** The one request the operation sent, seq and pid zeroed. */
function sentBytes(sent: readonly Uint8Array[]): Uint8Array {
  expect(sent.length).toBe(1);
  const [message, ...rest] = decodeMessages(sent[0] ?? new Uint8Array(0));
  expect(rest.length).toBe(0);
  if (message === undefined) throw new Error('nothing sent');
  return zeroSeqPid(message);
}

function tcRequest(name: keyof typeof tcCaptures): Uint8Array {
  return zeroSeqPid(captured(tcCaptures[name].request));
}

function dumpOf(name: keyof typeof tcCaptures, request: NetlinkMessage) {
  const parts = tcCaptures[name].replies
    .map(captured)
    .filter((reply) => reply.type !== NLMSG.DONE && reply.type !== NLMSG.ERROR);
  return multipart(
    request,
    parts[0]?.type ?? 0,
    parts.map((part) => part.payload),
  );
}

describe('addQdisc / replaceQdisc / deleteQdisc', () => {
  test('addQdisc sends what `tc qdisc add … tbf` sends', () => {
    const { sock, transport } = fakeSocket((request) => [ack(request)]);
    addQdisc(sock, {
      kind: 'tbf',
      index: 3,
      handle: tcHandle(1, 0),
      rate: 1_000_000,
      burst: 125_000,
      limit: 150_000,
    });
    expect(sentBytes(transport.sent)).toEqual(tcRequest('qdiscAddTbf'));
  });

  test('addQdisc sends what `tc qdisc add … ingress` sends', () => {
    const { sock, transport } = fakeSocket((request) => [ack(request)]);
    addQdisc(sock, { kind: 'ingress', index: 3 });
    expect(sentBytes(transport.sent)).toEqual(tcRequest('qdiscAddIngress'));
  });

  test('addQdisc sends a QdiscMessage as it is', () => {
    const { sock, transport } = fakeSocket((request) => [ack(request)]);
    addQdisc(sock, bandwidthTbfMessage(7, 8_000_000, 1_000_000));
    expect(sentBytes(transport.sent)).toEqual(zeroSeqPid(captured(goBandwidthRequests.goTbfHost)));
  });

  test('replaceQdisc sends what `tc qdisc replace` sends', () => {
    const { sock, transport } = fakeSocket((request) => [ack(request)]);
    replaceQdisc(sock, {
      kind: 'tbf',
      index: 5,
      handle: tcHandle(5, 0),
      rate: 5_000_000_000,
      burst: 1024 * 1024,
      limit: 2 * 1024 * 1024,
    });
    expect(sentBytes(transport.sent)).toEqual(tcRequest('qdiscReplaceTbfRate64'));
  });

  test('deleteQdisc sends what `tc qdisc del dev X ingress` sends', () => {
    const { sock, transport } = fakeSocket((request) => [ack(request)]);
    deleteQdisc(sock, { index: 3, parent: TC_H.INGRESS, handle: INGRESS, kind: 'ingress' });
    expect(sentBytes(transport.sent)).toEqual(tcRequest('qdiscDelIngress'));
  });

  test("deleting a qdisc that is not there fails with ENOENT and the kernel's words (isNotFound)", () => {
    const kernelReply = captured(tcCaptures.qdiscDelMissing.replies[0] ?? '');
    const { sock } = fakeSocket((request) => [replyTo(request, kernelReply, FAKE_PORT_ID)]);
    let caught: unknown;
    try {
      deleteQdisc(sock, { index: 2, parent: TC_H.ROOT });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(NetlinkError);
    expect(isNotFound(caught)).toBe(true);
    expect((caught as NetlinkError).op).toBe('RTM_DELQDISC');
    expect((caught as NetlinkError).extack?.message).toBe(
      'Cannot delete qdisc with handle of zero',
    );
  });
});

describe('listQdiscs', () => {
  test("sends `tc qdisc show`'s dump request and decodes every qdisc", () => {
    const { sock, transport } = fakeSocket((request) => dumpOf('qdiscShow', request));
    const qdiscs = listQdiscs(sock);
    expect(sentBytes(transport.sent)).toEqual(tcRequest('qdiscShow'));
    expect(qdiscs.map((q) => q.kind)).toEqual([
      'noqueue',
      'noqueue',
      'clsact',
      'tbf',
      'ingress',
      'tbf',
      'tbf',
      'mq',
      'pfifo_fast',
      'pfifo_fast',
      'pfifo_fast',
      'pfifo_fast',
    ]);
  });

  test("keeps one link's qdiscs when asked for an index", () => {
    const { sock, transport } = fakeSocket((request) => dumpOf('qdiscShowDev', request));
    const qdiscs = listQdiscs(sock, { index: 3 });
    expect(sentBytes(transport.sent)).toEqual(tcRequest('qdiscShowDev'));
    expect(qdiscs.map((q) => [q.kind, q.tbf?.rate])).toEqual([
      ['tbf', 1_000_000],
      ['ingress', undefined],
    ]);
  });
});

describe('addFilter / listFilters / deleteFilter', () => {
  test('addFilter sends what `tc filter add … u32 match u32 0 0 action mirred …` sends', () => {
    const { sock, transport } = fakeSocket((request) => [ack(request)]);
    addFilter(sock, {
      kind: 'u32',
      index: 3,
      parent: INGRESS,
      protocol: ETH_P.ALL,
      actions: [{ kind: 'mirred', eaction: TCA_EGRESS_REDIR, ifindex: 4 }],
    });
    expect(sentBytes(transport.sent)).toEqual(tcRequest('filterAddU32Mirred'));
  });

  test("listFilters sends `tc filter show dev X parent ffff:`'s request and decodes the dump", () => {
    const { sock, transport } = fakeSocket((request) => dumpOf('filterShow', request));
    const filters = listFilters(sock, { index: 3, parent: INGRESS });
    expect(sentBytes(transport.sent)).toEqual(tcRequest('filterShow'));
    expect(filters.map((f) => f.handle)).toEqual([0, 0x80000000, 0x80000800]);
    expect(filters[2]?.u32?.actions[0]?.mirred?.ifindex).toBe(4);
  });

  test('deleteFilter sends what `tc filter del … pref 49152 u32` sends', () => {
    const { sock, transport } = fakeSocket((request) => [ack(request)]);
    deleteFilter(sock, {
      index: 3,
      parent: INGRESS,
      priority: 49152,
      protocol: ETH_P.ALL,
      kind: 'u32',
    });
    expect(sentBytes(transport.sent)).toEqual(tcRequest('filterDelU32'));
  });
});
