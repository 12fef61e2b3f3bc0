import type { Netns } from '../../netns/netns.ts';
import { concatBytes, decodeAttributes, indexAttributes, nla, read } from '../codec/attributes.ts';
import { NETLINK, NLM_F, NLMSG } from '../codec/constants.ts';
import { DecodeError } from '../codec/decode-error.ts';
import { decodeMessages, encodeMessage, type NetlinkMessage } from '../codec/header.ts';
import { openKernelTransport } from '../socket/kernel-transport.ts';
import { NetlinkSocket } from '../socket/netlink-socket.ts';
import { decodeExtack, decodeNlmsgerr } from '../socket/nlmsgerr.ts';
import type { NetlinkRequest, NetlinkRequester } from '../socket/requester.ts';
import type { Transport } from '../socket/transport.ts';
import type { NftBatch, NftBatchMessage } from './batch.ts';
import { NFNL, NFNL_BATCH, NFT_MSG, NFTA_GEN, nftMessageType } from './constants.ts';
import { decodeNfgenmsg, encodeNfgenmsg } from './nfgenmsg.ts';
import { NftError } from './nft-error.ts';

export interface NftSocketOptions {
  /** Open the socket inside this namespace (it keeps acting there after the switch back). */
  readonly netns?: Netns;
  /** The first sequence number (default: random). Tests set it to compare bytes. */
  readonly initialSequence?: number;
}

export interface NftCommitOptions {
  /**
   * The ruleset generation the batch was built against (NFNL_BATCH_GENID): when another
   * process changed the ruleset since, the kernel refuses the whole batch with ERESTART
   * (isNftGenerationChanged).
   */
  readonly genId?: number;
}

interface Outcome {
  readonly error: number;
  readonly message: NetlinkMessage;
}

/** A first sequence number: see the route socket's (Math.random; crypto costs an exec). */
function randomSequence(): number {
  return (1 + Math.floor(Math.random() * 0xffffffff)) >>> 0;
}

function sameSeq(a: number, b: number): boolean {
  return a >>> 0 === b >>> 0;
}

/**
 * A NETLINK_NETFILTER socket speaking nf_tables. `request` (NetlinkRequester) serves the
 * dumps and gets of the typed list operations; `commit` sends a batch as one transaction:
 * BATCH_BEGIN, the messages (each with NLM_F_ACK), BATCH_END in one datagram, then a
 * GETGEN as a fence. The kernel handles a batch inside sendmsg, so every answer to it is
 * queued before the fence's; reading up to the fence's ACK collects them all without a
 * timeout. The first refusal is thrown as NftError naming its message; the kernel then
 * rolled the whole batch back.
 */
export class NftSocket implements NetlinkRequester {
  readonly #transport: Transport;
  readonly #requests: NetlinkSocket;
  #seq: number;
  #leavesDestroyWork = false;

  constructor(transport: Transport, options: Omit<NftSocketOptions, 'netns'> = {}) {
    this.#transport = transport;
    const initial = options.initialSequence ?? randomSequence();
    // Gets and dumps number from the top half, batches from the bottom: never the same seq.
    this.#requests = new NetlinkSocket(transport, {
      initialSequence: (initial + 0x80000000) >>> 0,
    });
    this.#seq = initial >>> 0;
  }

  request(request: NetlinkRequest): NetlinkMessage[] {
    return this.#requests.request(request);
  }

  /** The current ruleset generation (NFT_MSG_GETGEN). */
  generation(): number {
    const replies = this.request({
      op: 'NFT_MSG_GETGEN',
      type: nftMessageType(NFT_MSG.GETGEN),
      flags: 0,
      payload: encodeNfgenmsg(0),
    });
    let reply: NetlinkMessage | undefined;
    for (const message of replies)
      if (message.type === nftMessageType(NFT_MSG.NEWGEN)) reply ??= message;
    if (reply === undefined) throw new DecodeError(['NFT_MSG_GETGEN'], 'no NEWGEN in the reply');
    return readGeneration(reply);
  }

  /**
   * True once this socket committed a transaction that may leave the kernel destruction
   * work (anything but new rules: deleted objects, flushes, and tables or chains that may
   * already exist, whose update is destroyed later). Releasing a netfilter socket waits for
   * that work, an RCU grace period (see releaseNftSocket); after rules-only transactions
   * it does not.
   */
  get leavesDestroyWork(): boolean {
    return this.#leavesDestroyWork;
  }

  /** Applies `batch` as one transaction (nothing to do for an empty one). */
  commit(batch: NftBatch | readonly NftBatchMessage[], options: NftCommitOptions = {}): void {
    const messages = 'messages' in batch ? batch.messages : batch;
    if (messages.length === 0) return;
    const newRule = nftMessageType(NFT_MSG.NEWRULE);
    for (const message of messages) if (message.type !== newRule) this.#leavesDestroyWork = true;
    const beginSeq = this.#next();
    // Loops, not map(): the nftables ADDs call no JavaScript-implemented builtin (issue 22).
    const seqs: number[] = [];
    for (let i = 0; i < messages.length; i++) seqs.push(this.#next());
    const endSeq = this.#next();
    const beginAttrs =
      options.genId === undefined ? [] : [nla.u32be(NFNL_BATCH.GENID, options.genId)];
    const framing = (type: number, seq: number, attrs: readonly Uint8Array[]): Uint8Array =>
      encodeMessage({
        type,
        flags: NLM_F.REQUEST,
        seq,
        pid: 0,
        payload: concatBytes([encodeNfgenmsg(0, NFNL.SUBSYS_NFTABLES), ...attrs]),
      });
    const framed = [framing(NFNL.MSG_BATCH_BEGIN, beginSeq, beginAttrs)];
    for (let index = 0; index < messages.length; index++) {
      const message = messages[index] as NftBatchMessage;
      framed.push(
        encodeMessage({
          type: message.type,
          flags: message.flags | NLM_F.REQUEST | NLM_F.ACK,
          seq: seqs[index] ?? 0,
          pid: 0,
          payload: message.payload,
        }),
      );
    }
    this.#transport.send(concatBytes([...framed, framing(NFNL.MSG_BATCH_END, endSeq, [])]));
    const outcomes = this.#readUntilFence();
    const failed = (seq: number): Outcome | undefined => {
      for (const outcome of outcomes) {
        if (sameSeq(outcome.message.seq, seq) && outcome.error !== 0) return outcome;
      }
      return undefined;
    };
    for (const [index, message] of messages.entries()) {
      const outcome = failed(seqs[index] ?? 0);
      if (outcome !== undefined) throw this.#error(message.op, message.object, outcome, index);
    }
    const begin = failed(beginSeq);
    if (begin !== undefined) {
      const object = options.genId === undefined ? 'batch' : `batch (generation ${options.genId})`;
      throw this.#error('NFNL_MSG_BATCH_BEGIN', object, begin, undefined);
    }
  }

  close(): void {
    this.#requests.close();
  }

  /** Closes without waiting for the kernel's release work (see releaseNftSocket). */
  release(): void {
    this.#requests.release();
  }

  [Symbol.dispose](): void {
    this.close();
  }

  #next(): number {
    this.#seq = (this.#seq + 1) >>> 0;
    if (this.#seq === 0) this.#seq = 1;
    return this.#seq;
  }

  /** Sends the GETGEN fence and returns every NLMSG_ERROR received before its ACK. */
  #readUntilFence(): Outcome[] {
    const fence = this.#next();
    this.#transport.send(
      encodeMessage({
        type: nftMessageType(NFT_MSG.GETGEN),
        flags: NLM_F.REQUEST | NLM_F.ACK,
        seq: fence,
        pid: 0,
        payload: encodeNfgenmsg(0),
      }),
    );
    const outcomes: Outcome[] = [];
    for (;;) {
      for (const message of decodeMessages(this.#transport.receive())) {
        if (message.type !== NLMSG.ERROR) continue;
        const reply = decodeNlmsgerr(message.payload, message.flags);
        if (sameSeq(message.seq, fence)) return outcomes;
        outcomes.push({ error: reply.error, message });
      }
    }
  }

  #error(op: string, object: string, outcome: Outcome, index: number | undefined): NftError {
    const reply = decodeNlmsgerr(outcome.message.payload, outcome.message.flags);
    const extack = decodeExtack(reply.attributes, ['NLMSG_ERROR', 'NLMSGERR_ATTR']);
    return new NftError({
      op,
      object,
      errno: Math.abs(outcome.error),
      seq: outcome.message.seq,
      extack,
      index,
    });
  }
}

/** NFTA_GEN_ID of a NEWGEN message. */
export function readGeneration(message: NetlinkMessage): number {
  const { attributes } = decodeNfgenmsg(message.payload);
  const path = ['NFT_MSG_NEWGEN'];
  const id = indexAttributes(decodeAttributes(attributes, path)).get(NFTA_GEN.ID);
  if (id === undefined) throw new DecodeError(path, 'NFTA_GEN_ID missing');
  return read.u32be(id, path);
}

/** Opens a NETLINK_NETFILTER socket for nf_tables, in `options.netns` when given. */
export function openNftSocket(options: NftSocketOptions = {}): NftSocket {
  const { netns, ...rest } = options;
  const transport = openKernelTransport(NETLINK.NETFILTER, netns === undefined ? {} : { netns });
  return new NftSocket(transport, rest);
}
