import { describe, expect, test } from 'bun:test';
import { isNotFound } from '../../errors/predicates.ts';
import {
  ack,
  createFakeTransport,
  errorReply,
  type FakeMessage,
  multipart,
} from '../../testing/fake-transport.ts';
import { thrown } from '../../testing/thrown.ts';
import { concatBytes, nla } from '../codec/attributes.ts';
import { NLM_F } from '../codec/constants.ts';
import type { NetlinkMessage } from '../codec/header.ts';
import { NftBatch } from './batch.ts';
import { NFNL, NFT_MSG, NFT_SET, NFTA_GEN, NFTA_SET, nftMessageType } from './constants.ts';
import { setLookupBatch, setTimeoutBatch, vmapBatch } from './fixtures/batches.ts';
import { encodeNfgenmsg } from './nfgenmsg.ts';
import { isNftError, type NftError } from './nft-error.ts';
import { NftSocket } from './nft-socket.ts';
import { encodeNewSet, getNftSet, listNftSets } from './set.ts';
import { decodeSetElems, encodeSetElems, listNftSetElems } from './set-elem.ts';
import { ipKey } from './set-key.ts';

// Set and element operations over a fake kernel: the flags nft uses, the refusals as typed
// errors, and listings decoded.

function newGen(request: NetlinkMessage): FakeMessage {
  return {
    type: nftMessageType(NFT_MSG.NEWGEN),
    flags: 0,
    seq: request.seq,
    payload: concatBytes([encodeNfgenmsg(0, 1), nla.u32be(NFTA_GEN.ID, 1)]),
  };
}

function fakeKernel(refuse: (request: NetlinkMessage) => FakeMessage | undefined) {
  const transport = createFakeTransport((request) => {
    if (request.type === NFNL.MSG_BATCH_BEGIN || request.type === NFNL.MSG_BATCH_END) return [];
    if (request.type === nftMessageType(NFT_MSG.GETGEN)) return [[newGen(request), ack(request)]];
    return [refuse(request) ?? ack(request)];
  });
  return { transport, sock: new NftSocket(transport, { initialSequence: 5 }) };
}

const withHandle = (payload: Uint8Array, type: number, handle: number) =>
  concatBytes([payload, Uint8Array.of(12, 0, type, 0, 0, 0, 0, 0, 0, 0, 0, handle)]);

describe('set operations in a batch', () => {
  test('NEWSET and NEWSETELEM with NLM_F_CREATE; deletes and flush without', () => {
    const { sock, transport } = fakeKernel(() => undefined);
    const ref = { family: 'inet', table: 't', name: 's' } as const;
    sock.commit(
      vmapBatch()
        .deleteSetElems({ ...ref, set: 's', elements: [{ key: ipKey('10.0.0.1') }] })
        .flushSet(ref)
        .deleteSet(ref),
    );
    const inner = transport.requests.slice(1, -2).map((m) => [m.type & 0xff, m.flags]);
    const base = NLM_F.REQUEST | NLM_F.ACK;
    expect(inner.slice(2)).toEqual([
      [NFT_MSG.NEWSET, base | NLM_F.CREATE],
      [NFT_MSG.NEWSETELEM, base | NLM_F.CREATE],
      [NFT_MSG.DELSETELEM, base],
      [NFT_MSG.DELSETELEM, base],
      [NFT_MSG.DELSET, base],
    ]);
    // flush: a DELSETELEM with table and set only.
    expect(transport.requests.at(-4)?.payload).toEqual(
      concatBytes([encodeNfgenmsg(1), nla.string(1, 't'), nla.string(2, 's')]),
    );
  });

  test('an element for a missing set is an NftError naming it; isNotFound answers', () => {
    const { sock } = fakeKernel((request) =>
      (request.type & 0xff) === NFT_MSG.NEWSETELEM ? errorReply(request, 'ENOENT') : undefined,
    );
    const batch = new NftBatch().addSetElems({
      family: 'ip',
      table: 't',
      set: 'missing',
      elements: [{ key: ipKey('10.0.0.1') }],
    });
    const error = thrown(() => sock.commit(batch)) as NftError;
    expect(isNftError(error)).toBe(true);
    expect(isNotFound(error)).toBe(true);
    expect([error.op, error.object, error.index]).toEqual([
      'NFT_MSG_NEWSETELEM',
      'element ip t missing',
      0,
    ]);
  });

  test('a set spec: data implies MAP, a timeout implies TIMEOUT, the comment goes to userdata', () => {
    const payload = encodeNewSet({
      family: 'inet',
      table: 't',
      name: 'm',
      key: 'ipv4_addr',
      data: 'mark',
      timeoutMs: 1000,
      comment: 'hi',
    });
    const flags = nla.u32be(NFTA_SET.FLAGS, NFT_SET.MAP | NFT_SET.TIMEOUT);
    expect(Buffer.from(payload).includes(Buffer.from(flags))).toBe(true);
    // key big endian, data host order, data interval 0, then the comment.
    const udata = [0, 4, 2, 0, 0, 0, 1, 4, 1, 0, 0, 0, 6, 4, 0, 0, 0, 0, 7, 3, 104, 105, 0];
    expect(Buffer.from(payload).includes(Buffer.from(udata))).toBe(true);
  });
});

describe('set listings', () => {
  const setup = setLookupBatch().messages;
  const sets = setup
    .filter((m) => m.type === nftMessageType(NFT_MSG.NEWSET))
    .map((m, index) => withHandle(m.payload, NFTA_SET.HANDLE, index + 1));
  const elems = [...setTimeoutBatch().messages, ...vmapBatch().messages].filter(
    (m) => m.type === nftMessageType(NFT_MSG.NEWSETELEM),
  );

  function kernel() {
    return createFakeTransport((request) => {
      const msg = request.type & 0xff;
      if (msg === NFT_MSG.GETSET && (request.flags & NLM_F.DUMP) === NLM_F.DUMP) {
        return multipart(request, nftMessageType(NFT_MSG.NEWSET), sets);
      }
      if (msg === NFT_MSG.GETSET) {
        const reply = { type: nftMessageType(NFT_MSG.NEWSET), flags: 0, seq: request.seq };
        return [[{ ...reply, payload: sets[1] ?? new Uint8Array() }, ack(request)]];
      }
      return multipart(
        request,
        nftMessageType(NFT_MSG.NEWSETELEM),
        elems.slice(1).map((m) => m.payload),
      );
    });
  }

  test('listNftSets and getNftSet decode types, flags and handles', () => {
    const transport = kernel();
    const sock = new NftSocket(transport);
    expect(listNftSets(sock, { family: 'inet' })).toEqual([
      {
        family: 'inet',
        table: 't23_lookup',
        name: 'allowed',
        handle: 1,
        flags: 0,
        keyType: 7,
        keyLen: 4,
        key: 'ipv4_addr',
      },
      {
        family: 'inet',
        table: 't23_lookup',
        name: 'ports',
        handle: 2,
        flags: NFT_SET.MAP,
        keyType: 13,
        keyLen: 2,
        key: 'inet_service',
        dataType: 0xffffff00,
        dataLen: 0,
        data: 'verdict',
      },
    ]);
    expect(listNftSets(sock, { table: 'other' })).toEqual([]);
    expect(transport.requests[0]?.flags).toBe(NLM_F.REQUEST | NLM_F.DUMP);
    expect(getNftSet(sock, { family: 'inet', table: 't23_lookup', name: 'ports' }).data).toBe(
      'verdict',
    );
  });

  test('listNftSetElems decodes keys, verdicts with chains and timeouts', () => {
    const sock = new NftSocket(kernel());
    const listed = listNftSetElems(sock, { family: 'inet', table: 't23', name: 'ports' });
    expect(listed.map((e) => [[...e.key], e.data])).toEqual([
      [[0, 80], { verdict: { code: 'accept' } }],
      [[1, 187], { verdict: { code: 'jump', chain: 'foo' } }],
    ]);
  });

  test('captured NEWSETELEM payloads decode and encode back to the same bytes', () => {
    for (const message of elems) {
      expect(encodeSetElems(decodeSetElems(message.payload))).toEqual(message.payload);
    }
    expect(decodeSetElems(elems[0]?.payload ?? new Uint8Array()).elements[0]?.timeoutMs).toBe(
      30_000,
    );
  });

  test('a missing set is isNotFound', () => {
    const sock = new NftSocket(createFakeTransport((request) => [errorReply(request, 'ENOENT')]));
    const ref = { family: 'ip', table: 't', name: 'x' } as const;
    expect(isNotFound(thrown(() => listNftSetElems(sock, ref)))).toBe(true);
  });
});
