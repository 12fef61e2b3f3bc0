import type { LinkKindCodec } from './kind-codec.ts';

/** `type ifb` (intermediate functional block): no IFLA_INFO_DATA. */
export type IfbOptions = Record<never, never>;

export const ifbKind: LinkKindCodec<IfbOptions, IfbOptions> = {
  kind: 'ifb',
  encodeData: () => [],
  decodeData: () => ({}),
};
