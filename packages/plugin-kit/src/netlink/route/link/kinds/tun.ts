import { lazy } from '../../../../_lazy.ts';
import { decodeFields, encodeFields, type FieldTable, field } from '../_fields.ts';
import { IFLA_TUN, TUN_TYPE } from '../constants.ts';
import type { LinkKindCodec } from './kind-codec.ts';

/**
 * What the kernel reports about a tun/tap device (IFLA_TUN_*). These devices are created
 * through /dev/net/tun, not rtnetlink, so this kind is only decoded; `encodeData` exists for
 * round trips of decoded messages.
 */
export interface TunInfo {
  readonly owner?: number;
  readonly group?: number;
  readonly type?: 'tun' | 'tap';
  readonly pi?: boolean;
  readonly vnetHdr?: boolean;
  readonly persist?: boolean;
  readonly multiQueue?: boolean;
  readonly numQueues?: number;
  readonly numDisabledQueues?: number;
}

const table = lazy(
  (): FieldTable<TunInfo> => ({
    owner: field.u32(IFLA_TUN.OWNER),
    group: field.u32(IFLA_TUN.GROUP),
    type: field.enumOf(field.u8(IFLA_TUN.TYPE), { tun: TUN_TYPE.IFF_TUN, tap: TUN_TYPE.IFF_TAP }),
    pi: field.bool(IFLA_TUN.PI),
    vnetHdr: field.bool(IFLA_TUN.VNET_HDR),
    persist: field.bool(IFLA_TUN.PERSIST),
    multiQueue: field.bool(IFLA_TUN.MULTI_QUEUE),
    numQueues: field.u32(IFLA_TUN.NUM_QUEUES),
    numDisabledQueues: field.u32(IFLA_TUN.NUM_DISABLED_QUEUES),
  }),
);

/** IFLA_INFO_KIND "tun" (both tun and tap devices). */
export const tunKind: LinkKindCodec<TunInfo, TunInfo> = {
  kind: 'tun',
  encodeData: (info) => encodeFields(table(), info),
  decodeData: (attributes, path) => decodeFields(table(), attributes, path, IFLA_TUN, 'IFLA_TUN_'),
};
