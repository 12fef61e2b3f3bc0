import { concatBytes, decodeAttributes, indexAttributes, nla, read } from '../codec/attributes.ts';
import { NLM_F } from '../codec/constants.ts';
import { DecodeError } from '../codec/decode-error.ts';
import type { NetlinkRequester } from '../socket/requester.ts';
import { be64, nest, optionalU32be, readBe64, required } from './_attr.ts';
import {
  NFT_MSG,
  NFT_SET_ELEM,
  NFTA_SET_ELEM,
  NFTA_SET_ELEM_LIST,
  nftMessageType,
} from './constants.ts';
import { decodeData, encodeData, type NftData } from './expr/data.ts';
import { familyName, familyNumber, type NftFamily } from './family.ts';
import { decodeNfgenmsg, encodeNfgenmsg } from './nfgenmsg.ts';
import type { NftSetRef } from './set.ts';

/**
 * One element of a set or map. In an interval set a range is two elements: its first key,
 * and the first key after it with `intervalEnd` (see prefixIntervals).
 */
export interface NftSetElem {
  /** The key bytes, in the set's key byte order (network order for addresses and ports). */
  readonly key: Uint8Array;
  /** NFT_SET_ELEM.INTERVAL_END: this key ends the interval the previous element opened. */
  readonly intervalEnd?: boolean;
  /** A map's value: bytes, or a verdict (accept, jump CHAIN…) in a verdict map. */
  readonly data?: NftData;
  /** Per-element timeout in milliseconds (`10.1.2.3 timeout 30s`). */
  readonly timeoutMs?: number;
  /** As listed: milliseconds left before the element expires. */
  readonly expiresMs?: number;
}

/** Elements of one set, as NEWSETELEM / DELSETELEM carry them. */
export interface NftSetElemsSpec {
  readonly family: NftFamily;
  readonly table: string;
  readonly set: string;
  /** The NftSetSpec.id of a set created earlier in the same batch. */
  readonly setId?: number;
  readonly elements: readonly NftSetElem[];
}

/**
 * One element nest, in nft's order: flags, timeout, key, data. nft numbers the nests 1, 2…
 * (the element's position) where NFTA_LIST_ELEM would be; the kernel reads any type.
 */
export function encodeSetElem(elem: NftSetElem, index: number): Uint8Array {
  const parts: Uint8Array[] = [];
  if (elem.intervalEnd === true) {
    parts.push(nla.u32be(NFTA_SET_ELEM.FLAGS, NFT_SET_ELEM.INTERVAL_END));
  }
  if (elem.timeoutMs !== undefined) {
    parts.push(be64(NFTA_SET_ELEM.TIMEOUT, BigInt(elem.timeoutMs)));
  }
  parts.push(encodeData(NFTA_SET_ELEM.KEY, { value: elem.key }));
  if (elem.data !== undefined) parts.push(encodeData(NFTA_SET_ELEM.DATA, elem.data));
  return nest(index + 1, parts);
}

/**
 * The NEWSETELEM / DELSETELEM payload: table, set, set id, elements. A DELSETELEM without
 * elements empties the set (`flush set`).
 */
export function encodeSetElems(spec: NftSetElemsSpec): Uint8Array {
  const parts = [
    encodeNfgenmsg(familyNumber(spec.family)),
    nla.string(NFTA_SET_ELEM_LIST.TABLE, spec.table),
    nla.string(NFTA_SET_ELEM_LIST.SET, spec.set),
  ];
  if (spec.setId !== undefined) parts.push(nla.u32be(NFTA_SET_ELEM_LIST.SET_ID, spec.setId));
  if (spec.elements.length > 0) {
    parts.push(nest(NFTA_SET_ELEM_LIST.ELEMENTS, spec.elements.map(encodeSetElem)));
  }
  return concatBytes(parts);
}

function decodeSetElem(bytes: Uint8Array, path: readonly string[]): NftSetElem {
  const map = indexAttributes(decodeAttributes(bytes, path));
  const key = decodeData(required(map, NFTA_SET_ELEM.KEY, path), [...path, 'NFTA_SET_ELEM_KEY']);
  if (!('value' in key)) throw new DecodeError(path, 'the key is a verdict');
  const flags = optionalU32be(map, NFTA_SET_ELEM.FLAGS, path) ?? 0;
  const data = map.get(NFTA_SET_ELEM.DATA);
  const timeout = map.get(NFTA_SET_ELEM.TIMEOUT);
  const expiration = map.get(NFTA_SET_ELEM.EXPIRATION);
  return {
    key: key.value,
    ...((flags & NFT_SET_ELEM.INTERVAL_END) === 0 ? {} : { intervalEnd: true }),
    ...(data === undefined ? {} : { data: decodeData(data, [...path, 'NFTA_SET_ELEM_DATA']) }),
    ...(timeout === undefined ? {} : { timeoutMs: Number(readBe64(timeout, path)) }),
    ...(expiration === undefined ? {} : { expiresMs: Number(readBe64(expiration, path)) }),
  };
}

/** Decodes a NEWSETELEM message (a dump part, a notification or a captured request). */
export function decodeSetElems(payload: Uint8Array): NftSetElemsSpec {
  const { header, attributes } = decodeNfgenmsg(payload);
  const path = ['NFT_MSG_NEWSETELEM'];
  const family = familyName(header.family);
  if (family === undefined) throw new DecodeError(path, `unknown family ${header.family}`);
  const map = indexAttributes(decodeAttributes(attributes, path));
  const list = map.get(NFTA_SET_ELEM_LIST.ELEMENTS);
  const setId = optionalU32be(map, NFTA_SET_ELEM_LIST.SET_ID, path);
  const listPath = [...path, 'NFTA_SET_ELEM_LIST_ELEMENTS'];
  const elements =
    list === undefined
      ? []
      : decodeAttributes(list.value, listPath).map((element, index) =>
          decodeSetElem(element.value, [...listPath, `elem[${index}]`]),
        );
  return {
    family,
    table: read.string(required(map, NFTA_SET_ELEM_LIST.TABLE, path)),
    set: read.string(required(map, NFTA_SET_ELEM_LIST.SET, path)),
    ...(setId === undefined ? {} : { setId }),
    elements,
  };
}

/**
 * The elements of one set (`nft list set …`): a GETSETELEM dump. A missing table or set
 * fails with ENOENT (isNotFound).
 */
export function listNftSetElems(sock: NetlinkRequester, ref: NftSetRef): NftSetElem[] {
  const replies = sock.request({
    op: 'NFT_MSG_GETSETELEM',
    type: nftMessageType(NFT_MSG.GETSETELEM),
    flags: NLM_F.DUMP,
    payload: encodeSetElems({ family: ref.family, table: ref.table, set: ref.name, elements: [] }),
  });
  return replies
    .filter((reply) => reply.type === nftMessageType(NFT_MSG.NEWSETELEM))
    .flatMap((reply) => decodeSetElems(reply.payload).elements);
}
