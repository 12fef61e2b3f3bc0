import { type OpaqueOptions, type OptionsCodec, opaqueOptions } from '../options-codec.ts';
import { type U32Options, u32Options } from './u32.ts';

/** The filter kinds whose options are decoded, by TCA_KIND. */
export interface FilterOptionsByKind {
  readonly u32: U32Options;
}

export type FilterKind = keyof FilterOptionsByKind;

/** A filter's TCA_OPTIONS: typed for the kinds above, bytes for every other kind. */
export type FilterOptions = FilterOptionsByKind[FilterKind] | OpaqueOptions;

/** The filter kind codecs, a static map (no registration). */
export const FILTER_KINDS: { readonly [K in FilterKind]: OptionsCodec<FilterOptionsByKind[K]> } = {
  u32: u32Options,
};

export function isFilterKind(kind: string): kind is FilterKind {
  return Object.hasOwn(FILTER_KINDS, kind);
}

function encodeKnown<K extends FilterKind>(
  options: FilterOptionsByKind[K] & { kind: K },
): Uint8Array {
  const codec: OptionsCodec<FilterOptionsByKind[K]> = FILTER_KINDS[options.kind];
  return codec.encode(options);
}

/** The TCA_OPTIONS value for `options`, by their kind. */
export function encodeFilterOptions(options: FilterOptions): Uint8Array {
  return options.kind === 'opaque' ? opaqueOptions.encode(options) : encodeKnown(options);
}

/** Decodes a TCA_OPTIONS value for a filter of `kind` (TCA_KIND); unknown kinds stay bytes. */
export function decodeFilterOptions(
  kind: string | undefined,
  bytes: Uint8Array,
  path: readonly string[],
): FilterOptions {
  if (kind !== undefined && isFilterKind(kind)) return FILTER_KINDS[kind].decode(bytes, path);
  return opaqueOptions.decode(bytes, path);
}
