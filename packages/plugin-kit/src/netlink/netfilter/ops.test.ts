import { describe, expect, test } from 'bun:test';
import { isBusy, isExists, isNotFound } from '../../errors/predicates.ts';
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
import { listNftChains } from './chain.ts';
import { NFNL, NFT_MSG, NFTA_GEN, nftMessageType } from './constants.ts';
import { masqSetupBatch, spoofSetupBatch } from './fixtures/batches.ts';
import { encodeNfgenmsg } from './nfgenmsg.ts';
import { isNftError, isNftGenerationChanged, type NftError } from './nft-error.ts';
import { NftSocket } from './nft-socket.ts';
import { listNftRules } from './rule.ts';
import { getNftTable, listNftTables } from './table.ts';

// Each typed operation over a fake kernel: what goes on the wire, and how the answers and
// refusals come back.

const GEN = 77;

function newGen(request: NetlinkMessage): FakeMessage {
  return {
    type: nftMessageType(NFT_MSG.NEWGEN),
    flags: 0,
    seq: request.seq,
    payload: concatBytes([encodeNfgenmsg(0, GEN & 0xffff), nla.u32be(NFTA_GEN.ID, GEN)]),
  };
}

/** A kernel that ACKs every batch message, answers GETGEN, and refuses what `refuse` picks. */
function fakeKernel(
  refuse: (request: NetlinkMessage, index: number) => FakeMessage | undefined = () => undefined,
) {
  let index = -1;
  const transport = createFakeTransport((request) => {
    if (request.type === NFNL.MSG_BATCH_BEGIN) {
      index = 0;
      const refusal = refuse(request, -1);
      return refusal === undefined ? [] : [refusal];
    }
    if (request.type === NFNL.MSG_BATCH_END) return [];
    if (request.type === nftMessageType(NFT_MSG.GETGEN)) return [[newGen(request), ack(request)]];
    const refusal = refuse(request, index++);
    return [refusal ?? ack(request)];
  });
  return { transport, sock: new NftSocket(transport, { initialSequence: 100 }) };
}

describe('NftSocket.commit', () => {
  test('one datagram: BATCH_BEGIN (res_id nftables), each message with ACK, BATCH_END; then the GETGEN fence', () => {
    const { sock, transport } = fakeKernel();
    sock.commit(spoofSetupBatch());
    expect(transport.sent).toHaveLength(2);
    const types = transport.requests.map((request) => request.type);
    expect(types[0]).toBe(NFNL.MSG_BATCH_BEGIN);
    expect(types.at(-2)).toBe(NFNL.MSG_BATCH_END);
    expect(types.at(-1)).toBe(nftMessageType(NFT_MSG.GETGEN));
    expect([...(transport.requests[0]?.payload ?? [])]).toEqual([0, 0, 0, NFNL.SUBSYS_NFTABLES]);
    const inner = transport.requests.slice(1, -2);
    expect(inner).toHaveLength(8);
    for (const message of inner) expect(message.flags & NLM_F.ACK).toBe(NLM_F.ACK);
    const rule = inner.find((message) => message.type === nftMessageType(NFT_MSG.NEWRULE));
    expect(rule?.flags).toBe(NLM_F.REQUEST | NLM_F.ACK | NLM_F.CREATE | NLM_F.APPEND);
    const seqs = transport.requests.map((request) => request.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
  });

  test('with a generation, BATCH_BEGIN carries NFNL_BATCH_GENID', () => {
    const { sock, transport } = fakeKernel();
    sock.commit(new NftBatch().addTable({ family: 'inet', name: 't' }), { genId: 0x01020304 });
    expect([...(transport.requests[0]?.payload ?? [])]).toEqual([
      0, 0, 0, 10, 8, 0, 1, 0, 1, 2, 3, 4,
    ]);
  });

  test('an empty batch sends nothing', () => {
    const { sock, transport } = fakeKernel();
    sock.commit(new NftBatch());
    expect(transport.sent).toHaveLength(0);
  });

  test('a refused message is an NftError naming it and its object; predicates answer', () => {
    const { sock } = fakeKernel((request, index) =>
      index === 5
        ? errorReply(request, 'ENOENT', { message: 'chain not found', offset: 40 })
        : undefined,
    );
    const error = thrown(() => sock.commit(masqSetupBatch())) as NftError;
    expect(isNftError(error)).toBe(true);
    expect(error.op).toBe('NFT_MSG_NEWRULE');
    expect(error.object).toBe('rule inet cni_plugins_masquerade postrouting');
    expect(error.index).toBe(5);
    expect(error.extack?.message).toBe('chain not found');
    expect(error.message).toBe(
      'NFT_MSG_NEWRULE rule inet cni_plugins_masquerade postrouting: ENOENT (no such file or directory): chain not found',
    );
    expect(isNotFound(error)).toBe(true);
    expect(isExists(error)).toBe(false);
  });

  test('EEXIST and EBUSY answer isExists and isBusy', () => {
    const exists = fakeKernel((request, index) =>
      index === 0 ? errorReply(request, 'EEXIST') : undefined,
    );
    expect(isExists(thrown(() => exists.sock.commit(masqSetupBatch())))).toBe(true);
    const busy = fakeKernel((request, index) =>
      index === 0 ? errorReply(request, 'EBUSY') : undefined,
    );
    const deleting = new NftBatch().deleteChain({ family: 'bridge', table: 'nat', name: 'c' });
    const error = thrown(() => busy.sock.commit(deleting)) as NftError;
    expect(isBusy(error)).toBe(true);
    expect(error.object).toBe('chain bridge nat c');
  });

  test('a stale generation (ERESTART on BATCH_BEGIN) is isNftGenerationChanged', () => {
    const { sock } = fakeKernel((request, index) =>
      index === -1 ? errorReply(request, 'ERESTART') : undefined,
    );
    const error = thrown(() => sock.commit(masqSetupBatch(), { genId: 3 })) as NftError;
    expect(isNftGenerationChanged(error)).toBe(true);
    expect(error.op).toBe('NFNL_MSG_BATCH_BEGIN');
    expect(error.object).toBe('batch (generation 3)');
  });
});

describe('gets and dumps', () => {
  test('generation() reads NFTA_GEN_ID', () => {
    const { sock, transport } = fakeKernel();
    expect(sock.generation()).toBe(GEN);
    expect(transport.requests[0]?.flags).toBe(NLM_F.REQUEST | NLM_F.ACK);
  });

  test('listNftTables, getNftTable, listNftChains and listNftRules decode what the kernel sends back', () => {
    const setup = spoofSetupBatch().messages;
    const withHandle = (payload: Uint8Array, handle: number) =>
      concatBytes([payload, Uint8Array.of(12, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, handle)]);
    const rulePayloads = setup
      .filter((message) => message.type === nftMessageType(NFT_MSG.NEWRULE))
      .map((message, index) => withHandle(message.payload, 4 + index));
    const transport = createFakeTransport((request) => {
      const msg = request.type & 0xff;
      if (msg === NFT_MSG.GETTABLE && (request.flags & NLM_F.DUMP) === NLM_F.DUMP) {
        return multipart(request, nftMessageType(NFT_MSG.NEWTABLE), [
          setup[0]?.payload ?? new Uint8Array(),
        ]);
      }
      if (msg === NFT_MSG.GETTABLE) {
        return [
          [
            {
              type: nftMessageType(NFT_MSG.NEWTABLE),
              flags: 0,
              seq: request.seq,
              payload: setup[0]?.payload ?? new Uint8Array(),
            },
            ack(request),
          ],
        ];
      }
      if (msg === NFT_MSG.GETCHAIN) {
        return multipart(
          request,
          nftMessageType(NFT_MSG.NEWCHAIN),
          setup.slice(1, 4).map((message) => message.payload),
        );
      }
      return multipart(request, nftMessageType(NFT_MSG.NEWRULE), rulePayloads);
    });
    const sock = new NftSocket(transport);
    expect(listNftTables(sock)).toEqual([
      { family: 'bridge', name: 'nat', flags: 0, handle: 0, use: 0 },
    ]);
    expect(listNftTables(sock, 'inet')).toEqual([]);
    expect(getNftTable(sock, { family: 'bridge', name: 'nat' }).name).toBe('nat');
    const chains = listNftChains(sock, { family: 'bridge', table: 'nat' });
    expect(chains.map((chain) => [chain.name, chain.type, chain.hook, chain.policy])).toEqual([
      ['PREROUTING', 'filter', { hooknum: 0, priority: -300 }, 'accept'],
      ['cni-br-iface-cid-sp1-eth0', undefined, undefined, undefined],
      ['cni-br-iface-cid-sp1-eth0-mac', undefined, undefined, undefined],
    ]);
    const rules = listNftRules(sock, {
      family: 'bridge',
      table: 'nat',
      chain: 'cni-br-iface-cid-sp1-eth0-mac',
    });
    expect(rules.map((rule) => [rule.handle, rule.comment, rule.exprs.at(-1)])).toEqual([
      [
        6,
        'macspoofchk-cid-sp1-eth0',
        { kind: 'immediate', dreg: 0, data: { verdict: { code: 'return' } } },
      ],
      [
        7,
        'macspoofchk-cid-sp1-eth0',
        { kind: 'immediate', dreg: 0, data: { verdict: { code: 'drop' } } },
      ],
    ]);
    const dump = transport.requests.at(-1);
    expect(dump?.flags).toBe(NLM_F.REQUEST | NLM_F.DUMP);
  });

  test('a missing table is isNotFound', () => {
    const transport = createFakeTransport((request) => [errorReply(request, 'ENOENT')]);
    const sock = new NftSocket(transport);
    expect(isNotFound(thrown(() => getNftTable(sock, { family: 'inet', name: 'x' })))).toBe(true);
  });
});
