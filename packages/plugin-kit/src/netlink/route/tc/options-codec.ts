/**
 * How the TCA_OPTIONS of one qdisc, filter or action kind are written and read. The kinds are
 * codec objects in static maps (qdisc/kinds.ts, filter/kinds.ts, action/kinds.ts); nothing
 * registers itself at import time.
 */
export interface OptionsCodec<O> {
  /** The TCA_OPTIONS value (the bytes after its attribute header). */
  encode(options: O): Uint8Array;
  /** Throws DecodeError at `path` when the bytes do not hold valid options. */
  decode(bytes: Uint8Array, path: readonly string[]): O;
}

/** The options of a kind without a codec here (noqueue, pfifo_fast, mq, fq_codel, …), as bytes. */
export interface OpaqueOptions {
  readonly kind: 'opaque';
  readonly bytes: Uint8Array;
}

export const opaqueOptions: OptionsCodec<OpaqueOptions> = {
  encode: (options) => options.bytes,
  decode: (bytes) => ({ kind: 'opaque', bytes: bytes.slice() }),
};
