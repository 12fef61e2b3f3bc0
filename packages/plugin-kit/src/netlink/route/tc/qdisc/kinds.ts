import { type OpaqueOptions, type OptionsCodec, opaqueOptions } from '../options-codec.ts';
import { type ClsactOptions, clsactOptions } from './clsact.ts';
import { type IngressOptions, ingressOptions } from './ingress.ts';
import { type TbfOptions, tbfOptions } from './tbf.ts';

/** The qdisc kinds whose options are decoded, by TCA_KIND. */
export interface QdiscOptionsByKind {
  readonly tbf: TbfOptions;
  readonly ingress: IngressOptions;
  readonly clsact: ClsactOptions;
}

export type QdiscKind = keyof QdiscOptionsByKind;

/** A qdisc's TCA_OPTIONS: typed for the kinds above, bytes for every other kind. */
export type QdiscOptions = QdiscOptionsByKind[QdiscKind] | OpaqueOptions;

/** The qdisc kind codecs, a static map (no registration). */
export const QDISC_KINDS: { readonly [K in QdiscKind]: OptionsCodec<QdiscOptionsByKind[K]> } = {
  tbf: tbfOptions,
  ingress: ingressOptions,
  clsact: clsactOptions,
};

export function isQdiscKind(kind: string): kind is QdiscKind {
  return Object.hasOwn(QDISC_KINDS, kind);
}

function encodeKnown<K extends QdiscKind>(
  options: QdiscOptionsByKind[K] & { kind: K },
): Uint8Array {
  const codec: OptionsCodec<QdiscOptionsByKind[K]> = QDISC_KINDS[options.kind];
  return codec.encode(options);
}

/** The TCA_OPTIONS value for `options`, by their kind. */
export function encodeQdiscOptions(options: QdiscOptions): Uint8Array {
  return options.kind === 'opaque' ? opaqueOptions.encode(options) : encodeKnown(options);
}

/** Decodes a TCA_OPTIONS value for a qdisc of `kind` (TCA_KIND); unknown kinds stay bytes. */
export function decodeQdiscOptions(
  kind: string | undefined,
  bytes: Uint8Array,
  path: readonly string[],
): QdiscOptions {
  if (kind !== undefined && isQdiscKind(kind)) return QDISC_KINDS[kind].decode(bytes, path);
  return opaqueOptions.decode(bytes, path);
}
