import { type AttributeTable, u32Struct, values } from '../_attribute-table.ts';
import { NDA } from './constants.ts';
import type { NeighbourAttribute, NeighbourCacheInfo } from './types.ts';

const cacheInfo = u32Struct<keyof NeighbourCacheInfo>(['confirmed', 'used', 'updated', 'refcnt']);

/** How each NDA_* attribute is encoded: type number and value codec (size, byte order). */
export const NEIGHBOUR_ATTRIBUTES: AttributeTable<NeighbourAttribute> = {
  NDA_DST: { type: NDA.DST, codec: values.ip },
  NDA_LLADDR: { type: NDA.LLADDR, codec: values.mac },
  NDA_CACHEINFO: { type: NDA.CACHEINFO, codec: cacheInfo },
  NDA_PROBES: { type: NDA.PROBES, codec: values.u32 },
  NDA_VLAN: { type: NDA.VLAN, codec: values.u16 },
  NDA_PORT: { type: NDA.PORT, codec: values.u16be },
  NDA_VNI: { type: NDA.VNI, codec: values.u32 },
  NDA_IFINDEX: { type: NDA.IFINDEX, codec: values.u32 },
  NDA_MASTER: { type: NDA.MASTER, codec: values.u32 },
  NDA_LINK_NETNSID: { type: NDA.LINK_NETNSID, codec: values.i32 },
  NDA_SRC_VNI: { type: NDA.SRC_VNI, codec: values.u32 },
  NDA_PROTOCOL: { type: NDA.PROTOCOL, codec: values.u8 },
  NDA_NH_ID: { type: NDA.NH_ID, codec: values.u32 },
  NDA_FLAGS_EXT: { type: NDA.FLAGS_EXT, codec: values.u32 },
  NDA_NDM_STATE_MASK: { type: NDA.NDM_STATE_MASK, codec: values.u16 },
  NDA_NDM_FLAGS_MASK: { type: NDA.NDM_FLAGS_MASK, codec: values.u8 },
};
