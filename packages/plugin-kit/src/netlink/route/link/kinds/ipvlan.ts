import { lazy } from '../../../../_lazy.ts';
import { decodeFields, encodeFields, type FieldTable, field } from '../_fields.ts';
import { IFLA_IPVLAN, IPVLAN_F, IPVLAN_MODE } from '../constants.ts';
import type { LinkKindCodec } from './kind-codec.ts';

export type IpvlanMode = 'l2' | 'l3' | 'l3s';
/** IFLA_IPVLAN_FLAGS: bridge (0), private (IPVLAN_F_PRIVATE) or vepa (IPVLAN_F_VEPA). */
export type IpvlanFlags = 'bridge' | 'private' | 'vepa';

/** `ip link add NAME link PARENT type ipvlan mode MODE [bridge|private|vepa]` (ip always sends both). */
export interface IpvlanOptions {
  readonly mode?: IpvlanMode;
  readonly flags?: IpvlanFlags;
}

export type IpvlanInfo = IpvlanOptions;

const table = lazy(
  (): FieldTable<IpvlanOptions> => ({
    mode: field.enumOf(field.u16(IFLA_IPVLAN.MODE), {
      l2: IPVLAN_MODE.L2,
      l3: IPVLAN_MODE.L3,
      l3s: IPVLAN_MODE.L3S,
    }),
    flags: field.enumOf(field.u16(IFLA_IPVLAN.FLAGS), {
      bridge: 0,
      private: IPVLAN_F.PRIVATE,
      vepa: IPVLAN_F.VEPA,
    }),
  }),
);

/** `type ipvlan`: IFLA_IPVLAN_* inside IFLA_INFO_DATA. */
export const ipvlanKind: LinkKindCodec<IpvlanOptions, IpvlanInfo> = {
  kind: 'ipvlan',
  encodeData: (options) => encodeFields(table(), options),
  decodeData: (attributes, path) =>
    decodeFields(table(), attributes, path, IFLA_IPVLAN, 'IFLA_IPVLAN_'),
};
