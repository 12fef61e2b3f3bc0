// A fake nf_tables kernel for tests without root: it keeps tables, chains and rules in
// memory, applies a batch whole or not at all (ENOENT for a missing table, chain or rule
// handle), answers dumps, GETGEN and generation checks, and records every committed
// batch. Enough of the kernel for the masquerade and spoof-check code, over the real
// NftSocket and codec.
import {
  concatBytes,
  decodeAttributes,
  indexAttributes,
  nla,
  read,
} from '../netlink/codec/attributes.ts';
import type { NetlinkMessage } from '../netlink/codec/header.ts';
import { be64, readBe64 } from '../netlink/netfilter/_attr.ts';
import {
  NFNL,
  NFNL_BATCH,
  NFT_MSG,
  NFTA_CHAIN,
  NFTA_GEN,
  NFTA_RULE,
  NFTA_TABLE,
  nftMessageType,
} from '../netlink/netfilter/constants.ts';
import { decodeNfgenmsg, encodeNfgenmsg } from '../netlink/netfilter/nfgenmsg.ts';
import { NftSocket } from '../netlink/netfilter/nft-socket.ts';
import { decodeRule } from '../netlink/netfilter/rule.ts';
import {
  ack,
  createFakeTransport,
  errorReply,
  type FakeMessage,
  type FakeTransport,
  multipart,
} from './fake-transport.ts';

interface Stored {
  readonly family: number;
  readonly table: string;
  readonly chain: string;
  readonly handle: number;
  readonly payload: Uint8Array;
}

interface State {
  tables: { family: number; name: string; payload: Uint8Array }[];
  chains: Stored[];
  rules: Stored[];
  handle: number;
}

export interface FakeNftKernel {
  /** A new socket onto the fake (pass as `nftSocket`). */
  socket(): NftSocket;
  /** The message types (NFT_MSG_*) of each committed batch, in order. */
  readonly batches: readonly number[][];
  /** Every transport opened, for byte-level checks. */
  readonly transports: readonly FakeTransport[];
  /** Bumps the generation, as another process's change would. */
  bumpGeneration(): void;
  /** Handles of the rules of `chain`. */
  ruleHandles(chain: string): number[];
}

export interface FakeNftKernelOptions {
  /** Refuse every batch with this errno at BATCH_BEGIN (e.g. 'EPERM'). */
  readonly refuse?: string;
}

function names(payload: Uint8Array, tableType: number, nameType?: number) {
  const { header, attributes } = decodeNfgenmsg(payload);
  const map = indexAttributes(decodeAttributes(attributes, ['fake']));
  const text = (type: number | undefined) => {
    const attribute = type === undefined ? undefined : map.get(type);
    return attribute === undefined ? undefined : read.string(attribute);
  };
  const handle = map.get(NFTA_RULE.HANDLE);
  return {
    family: header.family,
    table: text(tableType),
    name: text(nameType),
    handle: handle === undefined ? undefined : Number(readBe64(handle, ['fake'])),
  };
}

/** Whether a stored rule jumps or goes to `chain`. */
function jumpsTo(rule: Stored, chain: string): boolean {
  const listed = decodeRule(concatBytes([rule.payload, be64(NFTA_RULE.HANDLE, 1n)]));
  return listed.exprs.some(
    (expr) =>
      expr.kind === 'immediate' &&
      'verdict' in expr.data &&
      'chain' in expr.data.verdict &&
      expr.data.verdict.chain === chain,
  );
}

export function createFakeNftKernel(options: FakeNftKernelOptions = {}): FakeNftKernel {
  let state: State = { tables: [], chains: [], rules: [], handle: 0 };
  let generation = 1;
  const batches: number[][] = [];
  const transports: FakeTransport[] = [];

  const apply = (draft: State, message: NetlinkMessage): string | undefined => {
    const msg = message.type & 0xff;
    const hasTable = (family: number, table: string | undefined) =>
      draft.tables.some((t) => t.family === family && t.name === table);
    const hasChain = (family: number, table: string | undefined, chain: string | undefined) =>
      draft.chains.some((c) => c.family === family && c.table === table && c.chain === chain);
    switch (msg) {
      case NFT_MSG.NEWTABLE: {
        const n = names(message.payload, NFTA_TABLE.NAME);
        if (!hasTable(n.family, n.table))
          draft.tables.push({ family: n.family, name: n.table ?? '', payload: message.payload });
        return undefined;
      }
      case NFT_MSG.DELTABLE: {
        const n = names(message.payload, NFTA_TABLE.NAME);
        if (!hasTable(n.family, n.table)) return 'ENOENT';
        draft.tables = draft.tables.filter((t) => !(t.family === n.family && t.name === n.table));
        draft.chains = draft.chains.filter((c) => !(c.family === n.family && c.table === n.table));
        draft.rules = draft.rules.filter((r) => !(r.family === n.family && r.table === n.table));
        return undefined;
      }
      case NFT_MSG.NEWCHAIN: {
        const n = names(message.payload, NFTA_CHAIN.TABLE, NFTA_CHAIN.NAME);
        if (!hasTable(n.family, n.table)) return 'ENOENT';
        if (!hasChain(n.family, n.table, n.name)) {
          draft.handle += 1;
          draft.chains.push({
            family: n.family,
            table: n.table ?? '',
            chain: n.name ?? '',
            handle: draft.handle,
            payload: message.payload,
          });
        }
        return undefined;
      }
      case NFT_MSG.DELCHAIN: {
        const n = names(message.payload, NFTA_CHAIN.TABLE, NFTA_CHAIN.NAME);
        if (!hasChain(n.family, n.table, n.name)) return 'ENOENT';
        // As the kernel: the chain's own rules go with it; a jump from elsewhere is EBUSY.
        const others = draft.rules.filter(
          (r) => !(r.family === n.family && r.table === n.table && r.chain === n.name),
        );
        if (others.some((r) => jumpsTo(r, n.name ?? ''))) return 'EBUSY';
        draft.rules = others;
        draft.chains = draft.chains.filter(
          (c) => !(c.family === n.family && c.table === n.table && c.chain === n.name),
        );
        return undefined;
      }
      case NFT_MSG.NEWRULE: {
        const n = names(message.payload, NFTA_RULE.TABLE, NFTA_RULE.CHAIN);
        if (!hasChain(n.family, n.table, n.name)) return 'ENOENT';
        draft.handle += 1;
        draft.rules.push({
          family: n.family,
          table: n.table ?? '',
          chain: n.name ?? '',
          handle: draft.handle,
          payload: message.payload,
        });
        return undefined;
      }
      case NFT_MSG.DELRULE: {
        const n = names(message.payload, NFTA_RULE.TABLE, NFTA_RULE.CHAIN);
        const inChain = (r: Stored) =>
          r.family === n.family && r.table === n.table && r.chain === n.name;
        if (!hasChain(n.family, n.table, n.name)) return 'ENOENT';
        if (n.handle === undefined) {
          draft.rules = draft.rules.filter((r) => !inChain(r));
          return undefined;
        }
        if (!draft.rules.some((r) => inChain(r) && r.handle === n.handle)) return 'ENOENT';
        draft.rules = draft.rules.filter((r) => !(inChain(r) && r.handle === n.handle));
        return undefined;
      }
      default:
        return 'EOPNOTSUPP';
    }
  };

  const withHandle = (stored: Stored, type: number): Uint8Array =>
    concatBytes([stored.payload, be64(type, BigInt(stored.handle))]);

  const socket = (): NftSocket => {
    let inBatch = false;
    let draft: State | undefined;
    let failed = false;
    let types: number[] = [];
    const transport = createFakeTransport((request): (FakeMessage | FakeMessage[])[] => {
      if (request.type === NFNL.MSG_BATCH_BEGIN) {
        inBatch = true;
        failed = false;
        types = [];
        const { attributes } = decodeNfgenmsg(request.payload);
        const genId = indexAttributes(decodeAttributes(attributes, ['fake'])).get(NFNL_BATCH.GENID);
        const refusal =
          options.refuse ??
          (genId !== undefined && read.u32be(genId, ['fake']) !== generation
            ? 'ERESTART'
            : undefined);
        // Refused at BATCH_BEGIN: the kernel reads no further.
        draft = refusal === undefined ? structuredClone(state) : undefined;
        return refusal === undefined ? [] : [errorReply(request, refusal)];
      }
      if (request.type === NFNL.MSG_BATCH_END) {
        if (draft !== undefined && !failed) {
          state = draft;
          generation += 1;
          batches.push(types);
        }
        inBatch = false;
        draft = undefined;
        return [];
      }
      if (inBatch) {
        if (draft === undefined) return [];
        types.push(request.type & 0xff);
        const refusal = apply(draft, request);
        if (refusal !== undefined) failed = true;
        return [refusal === undefined ? ack(request) : errorReply(request, refusal)];
      }
      const msg = request.type & 0xff;
      if (msg === NFT_MSG.GETGEN) {
        const payload = concatBytes([
          encodeNfgenmsg(0, generation & 0xffff),
          nla.u32be(NFTA_GEN.ID, generation),
        ]);
        return [
          [
            { type: nftMessageType(NFT_MSG.NEWGEN), flags: 0, seq: request.seq, payload },
            ack(request),
          ],
        ];
      }
      const filter = names(request.payload, NFTA_RULE.TABLE, NFTA_RULE.CHAIN);
      if (msg === NFT_MSG.GETRULE) {
        const rules = state.rules.filter(
          (r) =>
            r.family === filter.family &&
            (filter.table === undefined || r.table === filter.table) &&
            (filter.name === undefined || r.chain === filter.name),
        );
        return multipart(
          request,
          nftMessageType(NFT_MSG.NEWRULE),
          rules.map((r) => withHandle(r, NFTA_RULE.HANDLE)),
        );
      }
      if (msg === NFT_MSG.GETCHAIN) {
        const chains = state.chains.filter(
          (c) =>
            c.family === filter.family && (filter.table === undefined || c.table === filter.table),
        );
        return multipart(
          request,
          nftMessageType(NFT_MSG.NEWCHAIN),
          chains.map((c) => withHandle(c, NFTA_CHAIN.HANDLE)),
        );
      }
      return [errorReply(request, 'EOPNOTSUPP')];
    });
    transports.push(transport);
    return new NftSocket(transport);
  };

  return {
    socket,
    batches,
    transports,
    bumpGeneration() {
      generation += 1;
    },
    ruleHandles(chain) {
      return state.rules.filter((r) => r.chain === chain).map((r) => r.handle);
    },
  };
}
