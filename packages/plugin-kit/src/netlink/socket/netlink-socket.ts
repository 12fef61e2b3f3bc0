import { NLM_F, NLMSG } from '../codec/constants.ts';
import { decodeMessages, encodeMessage, type NetlinkMessage } from '../codec/header.ts';
import { DumpInterruptedError } from './dump-interrupted-error.ts';
import { NetlinkError } from './netlink-error.ts';
import { decodeDone, decodeExtack, decodeNlmsgerr } from './nlmsgerr.ts';
import type { NetlinkRequest, NetlinkRequester } from './requester.ts';
import type { Transport } from './transport.ts';

const EBADF = 9;
const EPROTO = 71;
const ENOBUFS = 105;

export interface NetlinkSocketOptions {
  /** How many times a dump is tried in all while the kernel marks it NLM_F_DUMP_INTR (default 5). */
  readonly dumpAttempts?: number;
  /** The first sequence number (default: random). Tests set it to replay captured exchanges. */
  readonly initialSequence?: number;
}

/** The default bound on attempts of an interrupted dump, as upstream's netlinksafe. */
export const DEFAULT_DUMP_ATTEMPTS = 5;

interface Exchange {
  readonly messages: NetlinkMessage[];
  readonly interrupted: boolean;
}

/**
 * A socket's first sequence number, anywhere in 1..2^32-1. It only has to differ from one
 * socket to the next, not to be secret: Math.random, as the first use of the global
 * `crypto` costs an exec about 70 µs (issue 22).
 */
function randomSequence(): number {
  return 1 + Math.floor(Math.random() * 0xffffffff);
}

/** A dump asks for NLM_F_ROOT|NLM_F_MATCH; it ends with NLMSG_DONE, not an ACK. */
function isDump(flags: number): boolean {
  return (flags & NLM_F.DUMP) === NLM_F.DUMP;
}

/**
 * A netlink socket over a Transport: one request at a time, synchronous. It numbers the
 * requests, sets NLM_F_REQUEST (and NLM_F_ACK unless the request is a dump), skips messages
 * that carry another sequence number (late replies of earlier requests), rejects replies
 * addressed to another port, gathers multipart replies until NLMSG_DONE, turns NLMSG_ERROR
 * and a failed NLMSG_DONE into NetlinkError with the kernel's extended ack, and repeats a
 * dump the kernel marks NLM_F_DUMP_INTR, up to `dumpAttempts` times in all.
 */
export class NetlinkSocket implements NetlinkRequester {
  readonly #transport: Transport;
  readonly #dumpAttempts: number;
  #seq: number;
  #open = true;

  constructor(transport: Transport, options: NetlinkSocketOptions = {}) {
    this.#transport = transport;
    this.#dumpAttempts = Math.max(1, Math.floor(options.dumpAttempts ?? DEFAULT_DUMP_ATTEMPTS));
    this.#seq = (options.initialSequence ?? randomSequence()) >>> 0;
  }

  /** The port id the kernel gave this socket (nl_pid). */
  get portId(): number {
    return this.#transport.portId;
  }

  get closed(): boolean {
    return !this.#open;
  }

  /**
   * Sends `request` and returns the reply messages: for a dump every part before
   * NLMSG_DONE, otherwise the messages before the ACK (often none). Throws NetlinkError when
   * the kernel refuses, DecodeError on a malformed reply, DumpInterruptedError when every
   * attempt of a dump was interrupted.
   */
  request(request: NetlinkRequest): NetlinkMessage[] {
    const attempts = isDump(request.flags) ? this.#dumpAttempts : 1;
    let last: Exchange = { messages: [], interrupted: false };
    for (let attempt = 1; attempt <= attempts; attempt++) {
      last = this.#exchange(request);
      if (!last.interrupted) return last.messages;
    }
    // A request that is not a dump is never repeated (it may change state); its
    // interrupted reply is returned as it is.
    if (!isDump(request.flags)) return last.messages;
    throw new DumpInterruptedError(request.op, attempts, last.messages);
  }

  close(): void {
    if (!this.#open) return;
    this.#open = false;
    this.#transport.close();
  }

  /** Closes without waiting for the kernel's release work (see Transport.release). */
  release(): void {
    if (!this.#open) return;
    this.#open = false;
    if (this.#transport.release === undefined) this.#transport.close();
    else this.#transport.release();
  }

  [Symbol.dispose](): void {
    this.close();
  }

  #nextSequence(): number {
    this.#seq = (this.#seq + 1) >>> 0;
    if (this.#seq === 0) this.#seq = 1; // 0 is what notifications carry
    return this.#seq;
  }

  #exchange(request: NetlinkRequest): Exchange {
    const seq = this.#nextSequence();
    if (!this.#open) {
      throw new NetlinkError({ op: request.op, errno: EBADF, seq, detail: 'the socket is closed' });
    }
    const dump = isDump(request.flags);
    const flags = request.flags | NLM_F.REQUEST | (dump ? 0 : NLM_F.ACK);
    this.#transport.send(
      encodeMessage({ type: request.type, flags, seq, pid: 0, payload: request.payload }),
    );

    const portId = this.#transport.portId;
    const messages: NetlinkMessage[] = [];
    let interrupted = false;
    for (;;) {
      for (const message of decodeMessages(this.#transport.receive())) {
        if (message.seq !== seq) continue; // a late reply to an earlier request
        if (message.pid !== portId && message.pid !== 0 && portId !== 0) {
          throw new NetlinkError({
            op: request.op,
            errno: EPROTO,
            seq,
            detail: `reply addressed to port ${message.pid}, this socket is port ${portId}`,
          });
        }
        if ((message.flags & NLM_F.DUMP_INTR) !== 0) interrupted = true;
        switch (message.type) {
          case NLMSG.NOOP:
            continue;
          case NLMSG.OVERRUN:
            throw new NetlinkError({
              op: request.op,
              errno: ENOBUFS,
              seq,
              detail: 'NLMSG_OVERRUN: the kernel dropped part of the reply',
            });
          case NLMSG.ERROR: {
            const reply = decodeNlmsgerr(message.payload, message.flags);
            if (reply.error !== 0) {
              const extack = decodeExtack(reply.attributes, ['NLMSG_ERROR', 'NLMSGERR_ATTR']);
              throw new NetlinkError({ op: request.op, errno: Math.abs(reply.error), seq, extack });
            }
            return { messages, interrupted };
          }
          case NLMSG.DONE: {
            const reply = decodeDone(message.payload, message.flags);
            if (reply.error < 0) {
              const extack = decodeExtack(reply.attributes, ['NLMSG_DONE', 'NLMSGERR_ATTR']);
              throw new NetlinkError({ op: request.op, errno: -reply.error, seq, extack });
            }
            return { messages, interrupted };
          }
          default:
            messages.push(message);
            // Without an ACK to wait for, a reply that is not multipart is the whole answer.
            if (dump && (message.flags & NLM_F.MULTI) === 0) return { messages, interrupted };
        }
      }
    }
  }
}
