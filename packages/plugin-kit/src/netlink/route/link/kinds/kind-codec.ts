import type { RawAttribute } from '../../../codec/attributes.ts';

/**
 * The codec of one link kind: what goes inside IFLA_INFO_DATA when a link of this kind is
 * created, and what the kernel's IFLA_INFO_DATA says about one. Kinds are plain objects in
 * the static map of kind-map.ts; nothing registers itself at import time.
 */
export interface LinkKindCodec<Options, Info> {
  /** IFLA_INFO_KIND, e.g. "bridge". */
  readonly kind: string;
  /** The attributes inside IFLA_INFO_DATA for a new link; none means no IFLA_INFO_DATA at all. */
  encodeData(options: Options): Uint8Array[];
  /** Reads IFLA_INFO_DATA. Throws DecodeError (with `path`) on malformed attributes. */
  decodeData(attributes: readonly RawAttribute[], path: readonly string[]): Info;
}
