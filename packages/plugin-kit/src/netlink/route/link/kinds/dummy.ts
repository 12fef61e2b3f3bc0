import type { LinkKindCodec } from './kind-codec.ts';

/** `type dummy`: no IFLA_INFO_DATA. */
export type DummyOptions = Record<never, never>;

export const dummyKind: LinkKindCodec<DummyOptions, DummyOptions> = {
  kind: 'dummy',
  encodeData: () => [],
  decodeData: () => ({}),
};
