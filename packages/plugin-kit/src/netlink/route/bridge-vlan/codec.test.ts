import { describe, expect, test } from 'bun:test';
import { NLM_F } from '../../codec/constants.ts';
import { decodeMessages, encodeMessage, type NetlinkMessage } from '../../codec/header.ts';
import type { NetlinkRequest, NetlinkRequester } from '../../socket/requester.ts';
import { decodeBridgeVlans } from './decode.ts';
import { capturedVlanDump, capturedVlanRequests, handMadeVlanReply } from './fixtures.ts';
import { listBridgeVlans, setBridgePortVlans } from './ops.ts';
import {
  addBridgeVlanRequest,
  deleteBridgeVlanRequest,
  dumpBridgeVlansRequest,
} from './requests.ts';

function only(hex: string): NetlinkMessage {
  const [message, ...rest] = decodeMessages(Uint8Array.from(Buffer.from(hex, 'hex')));
  if (message === undefined || rest.length > 0) throw new Error('expected one message');
  return message;
}

/** The bytes a socket sends for `request` with the captured message's seq and pid. */
function onWire(request: NetlinkRequest, captured: NetlinkMessage): string {
  const dump = (request.flags & NLM_F.DUMP) === NLM_F.DUMP;
  const flags = request.flags | NLM_F.REQUEST | (dump ? 0 : NLM_F.ACK);
  const bytes = encodeMessage({ ...captured, type: request.type, flags, payload: request.payload });
  return Buffer.from(bytes).toString('hex');
}

const V0 = 4;

describe('bridge VLAN requests match `bridge vlan` byte for byte', () => {
  test.each([
    ['addPvidUntagged', addBridgeVlanRequest(V0, { vid: 100, pvid: true, untagged: true })],
    ['addTagged', addBridgeVlanRequest(V0, { vid: 7 })],
    ['addNative', addBridgeVlanRequest(V0, { vid: 1, pvid: true, untagged: true })],
    ['deleteDefault', deleteBridgeVlanRequest(V0, { vid: 1 })],
  ] as const)('%s', (key, request) => {
    const { hex } = capturedVlanRequests[key];
    expect(onWire(request, only(hex))).toBe(hex);
  });

  test('the VLAN dump request', () => {
    const { request } = capturedVlanDump;
    expect(onWire(dumpBridgeVlansRequest(), only(request))).toBe(request);
  });
});

describe('decodeBridgeVlans', () => {
  test('finds no VLANs in the dump of a kernel without VLAN filtering', () => {
    expect(decodeBridgeVlans(capturedVlanDump.replies.map(only)).size).toBe(0);
  });

  test('reads each port VLAN with its pvid and untagged flags (hand-made reply)', () => {
    const ports = decodeBridgeVlans([only(handMadeVlanReply)]);
    expect(ports.get(V0)).toEqual([{ vid: 1, pvid: true, untagged: true }, { vid: 100 }]);
  });

  test('listBridgeVlans asks with the dump request and keeps the port asked for', () => {
    const sent: NetlinkRequest[] = [];
    const sock: NetlinkRequester = {
      request(request) {
        sent.push(request);
        return [...capturedVlanDump.replies.map(only), only(handMadeVlanReply)];
      },
    };
    expect(listBridgeVlans(sock, V0)).toHaveLength(2);
    expect(listBridgeVlans(sock, 2)).toEqual([]);
    expect(sent[0]).toEqual(dumpBridgeVlansRequest());
  });
});

describe('setBridgePortVlans', () => {
  function recording() {
    const sent: NetlinkRequest[] = [];
    const sock: NetlinkRequester = {
      request(request) {
        sent.push(request);
        return request.flags === NLM_F.DUMP ? [only(handMadeVlanReply)] : [];
      },
    };
    return { sent, sock };
  }

  test('removes the VLANs not wanted, then adds each wanted one', () => {
    const { sent, sock } = recording();
    setBridgePortVlans(sock, V0, [{ vid: 100, pvid: true, untagged: true }, { vid: 7 }]);
    expect(sent).toEqual([
      dumpBridgeVlansRequest(),
      deleteBridgeVlanRequest(V0, { vid: 1, pvid: true, untagged: true }),
      addBridgeVlanRequest(V0, { vid: 100, pvid: true, untagged: true }),
      addBridgeVlanRequest(V0, { vid: 7 }),
    ]);
  });

  test('keepExisting only adds', () => {
    const { sent, sock } = recording();
    setBridgePortVlans(sock, V0, [{ vid: 7 }], { keepExisting: true });
    expect(sent).toEqual([addBridgeVlanRequest(V0, { vid: 7 })]);
  });
});
