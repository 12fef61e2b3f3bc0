import { NFT_DATA_VERDICT } from './constants.ts';

// The nft(8) datatypes a set key or map value can have, as nft numbers them in
// NFTA_SET_KEY_TYPE / NFTA_SET_DATA_TYPE (its own enum datatypes, not a kernel one: the kernel
// stores the number and gives it back) with their length and the byte order nft records in
// the set's userdata.

/** Byte order as nft records it in set userdata: 0 none (verdicts, inet_proto), 1 host, 2 big endian. */
export type NftByteorder = 0 | 1 | 2;

export interface NftDatatypeInfo {
  readonly type: number;
  /** Bytes of one value (NFTA_SET_KEY_LEN / NFTA_SET_DATA_LEN). */
  readonly len: number;
  readonly byteorder: NftByteorder;
}

/** The datatypes by nft's names. */
export const NFT_DATATYPES = {
  ipv4_addr: { type: 7, len: 4, byteorder: 2 },
  ipv6_addr: { type: 8, len: 16, byteorder: 2 },
  ether_addr: { type: 9, len: 6, byteorder: 2 },
  inet_proto: { type: 12, len: 1, byteorder: 0 },
  inet_service: { type: 13, len: 2, byteorder: 2 },
  mark: { type: 19, len: 4, byteorder: 1 },
  ifname: { type: 41, len: 16, byteorder: 1 },
} as const satisfies Record<string, NftDatatypeInfo>;

export type NftSetDatatype = keyof typeof NFT_DATATYPES;

/** What a map's values are: one of the datatypes, or verdicts (a verdict map, `vmap`). */
export type NftMapDatatype = NftSetDatatype | 'verdict';

/** The datatype, length and byte order nft uses for a map value type. */
export function mapDatatypeInfo(data: NftMapDatatype): NftDatatypeInfo {
  return data === 'verdict'
    ? { type: NFT_DATA_VERDICT, len: 0, byteorder: 0 }
    : NFT_DATATYPES[data];
}

/** The name of a key or data type number, or undefined for one this table does not list. */
export function datatypeName(type: number): NftMapDatatype | undefined {
  if (type === NFT_DATA_VERDICT) return 'verdict';
  for (const [name, info] of Object.entries(NFT_DATATYPES)) {
    if (info.type === type) return name as NftSetDatatype;
  }
  return undefined;
}
