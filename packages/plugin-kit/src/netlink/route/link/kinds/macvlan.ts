import { lazy } from '../../../../_lazy.ts';
import { bitsOf, decodeFields, encodeFields, type FieldTable, field } from '../_fields.ts';
import { IFLA_MACVLAN, MACVLAN_FLAG, MACVLAN_MODE } from '../constants.ts';
import type { LinkKindCodec } from './kind-codec.ts';

export type MacvlanMode = 'private' | 'vepa' | 'bridge' | 'passthru' | 'source';

export interface MacvlanFlags {
  /** MACVLAN_FLAG_NOPROMISC (`nopromisc`, passthru mode). */
  readonly noPromisc?: boolean;
  /** MACVLAN_FLAG_NODST (source mode). */
  readonly noDst?: boolean;
}

/** `ip link add NAME link PARENT type macvlan mode MODE [nopromisc] [bcqueuelen N]`. */
export interface MacvlanOptions {
  readonly bcQueueLen?: number;
  readonly mode?: MacvlanMode;
  readonly flags?: MacvlanFlags;
}

export interface MacvlanInfo extends MacvlanOptions {
  readonly macaddrCount?: number;
  readonly bcQueueLenUsed?: number;
}

// iproute2 6.1 emits bcqueuelen while parsing, then the mode and flags.
const optionsTable = lazy(
  (): FieldTable<MacvlanOptions> => ({
    bcQueueLen: field.u32(IFLA_MACVLAN.BC_QUEUE_LEN),
    mode: field.enumOf(field.u32(IFLA_MACVLAN.MODE), {
      private: MACVLAN_MODE.PRIVATE,
      vepa: MACVLAN_MODE.VEPA,
      bridge: MACVLAN_MODE.BRIDGE,
      passthru: MACVLAN_MODE.PASSTHRU,
      source: MACVLAN_MODE.SOURCE,
    }),
    flags: bitsOf(field.u16(IFLA_MACVLAN.FLAGS), {
      noPromisc: MACVLAN_FLAG.NOPROMISC,
      noDst: MACVLAN_FLAG.NODST,
    }),
  }),
);

const infoTable = lazy(
  (): FieldTable<MacvlanInfo> => ({
    ...optionsTable(),
    macaddrCount: field.u32(IFLA_MACVLAN.MACADDR_COUNT),
    bcQueueLenUsed: field.u32(IFLA_MACVLAN.BC_QUEUE_LEN_USED),
  }),
);

/** `type macvlan`: IFLA_MACVLAN_* inside IFLA_INFO_DATA. */
export const macvlanKind: LinkKindCodec<MacvlanOptions, MacvlanInfo> = {
  kind: 'macvlan',
  encodeData: (options) => encodeFields(optionsTable(), options),
  decodeData: (attributes, path) =>
    decodeFields(infoTable(), attributes, path, IFLA_MACVLAN, 'IFLA_MACVLAN_'),
};
