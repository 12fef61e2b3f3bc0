import { lazy } from '../../../../_lazy.ts';
import { decodeFields, encodeFields, type FieldTable, field } from '../_fields.ts';
import { IFLA_VRF } from '../constants.ts';
import type { LinkKindCodec } from './kind-codec.ts';

/** `ip link add NAME type vrf table N`. */
export interface VrfOptions {
  readonly table?: number;
}

export type VrfInfo = VrfOptions;

const table = lazy(
  (): FieldTable<VrfOptions> => ({
    table: field.u32(IFLA_VRF.TABLE),
  }),
);

/** `type vrf`: IFLA_VRF_TABLE inside IFLA_INFO_DATA. */
export const vrfKind: LinkKindCodec<VrfOptions, VrfInfo> = {
  kind: 'vrf',
  encodeData: (options) => encodeFields(table(), options),
  decodeData: (attributes, path) => decodeFields(table(), attributes, path, IFLA_VRF, 'IFLA_VRF_'),
};
