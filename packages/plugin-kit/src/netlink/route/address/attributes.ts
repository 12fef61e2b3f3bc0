import { type AttributeTable, u32Struct, values } from '../_attribute-table.ts';
import { IFA } from './constants.ts';
import type { AddressAttribute, AddressCacheInfo } from './types.ts';

const cacheInfo = u32Struct<keyof AddressCacheInfo>(['preferred', 'valid', 'created', 'updated']);

/** How each IFA_* attribute is encoded: type number and value codec (size, byte order). */
export const ADDRESS_ATTRIBUTES: AttributeTable<AddressAttribute> = {
  IFA_ADDRESS: { type: IFA.ADDRESS, codec: values.ip },
  IFA_LOCAL: { type: IFA.LOCAL, codec: values.ip },
  IFA_LABEL: { type: IFA.LABEL, codec: values.string },
  IFA_BROADCAST: { type: IFA.BROADCAST, codec: values.ip },
  IFA_ANYCAST: { type: IFA.ANYCAST, codec: values.ip },
  IFA_CACHEINFO: { type: IFA.CACHEINFO, codec: cacheInfo },
  IFA_MULTICAST: { type: IFA.MULTICAST, codec: values.ip },
  IFA_FLAGS: { type: IFA.FLAGS, codec: values.u32 },
  IFA_RT_PRIORITY: { type: IFA.RT_PRIORITY, codec: values.u32 },
  IFA_TARGET_NETNSID: { type: IFA.TARGET_NETNSID, codec: values.i32 },
  IFA_PROTO: { type: IFA.PROTO, codec: values.u8 },
};
