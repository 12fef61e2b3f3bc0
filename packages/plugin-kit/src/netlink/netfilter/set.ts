import { concatBytes, decodeAttributes, indexAttributes, nla, read } from '../codec/attributes.ts';
import { NLM_F } from '../codec/constants.ts';
import { DecodeError } from '../codec/decode-error.ts';
import type { NetlinkRequester } from '../socket/requester.ts';
import { be64, optionalU32be, readBe64, required } from './_attr.ts';
import { NFT_MSG, NFT_SET, NFTA_SET, nftMessageType } from './constants.ts';
import { familyName, familyNumber, type NftFamily } from './family.ts';
import { decodeNfgenmsg, encodeNfgenmsg } from './nfgenmsg.ts';
import {
  datatypeName,
  mapDatatypeInfo,
  NFT_DATATYPES,
  type NftMapDatatype,
  type NftSetDatatype,
} from './set-datatype.ts';
import { encodeSetUdata, setCommentOfUdata } from './set-udata.ts';

/** A named set or map as the plugins create it (`add set` / `add map`). */
export interface NftSetSpec {
  readonly family: NftFamily;
  readonly table: string;
  readonly name: string;
  /** The key datatype (`type ipv4_addr`). */
  readonly key: NftSetDatatype;
  /** A map's value datatype (`type inet_service : verdict`); NFT_SET.MAP is then set. */
  readonly data?: NftMapDatatype;
  /** NFT_SET.* bits beyond MAP and TIMEOUT, which `data` and `timeoutMs` imply (e.g. INTERVAL). */
  readonly flags?: number;
  /** Default element timeout in milliseconds (`timeout 1h`); sets NFT_SET.TIMEOUT. */
  readonly timeoutMs?: number;
  /**
   * NFTA_SET_ID: a number unique within the batch by which elements and lookups of the same
   * batch name the set before it has a handle (nft numbers them 1, 2… per batch).
   */
  readonly id?: number;
  readonly comment?: string;
}

/** A set as the kernel lists it. */
export interface NftSet {
  readonly family: NftFamily;
  readonly table: string;
  readonly name: string;
  readonly handle: number;
  /** NFT_SET.* bits as the kernel keeps them. */
  readonly flags: number;
  readonly keyType: number;
  readonly keyLen: number;
  /** The key's datatype name, when it is one NFT_DATATYPES lists. */
  readonly key?: NftSetDatatype;
  /** Maps only. */
  readonly dataType?: number;
  readonly dataLen?: number;
  readonly data?: NftMapDatatype;
  readonly timeoutMs?: number;
  readonly comment?: string;
}

/** Which set a message names. */
export interface NftSetRef {
  readonly family: NftFamily;
  readonly table: string;
  readonly name: string;
}

/** The NFTA_SET_FLAGS nft sends for `spec`. */
export function setFlags(spec: NftSetSpec): number {
  let flags = spec.flags ?? 0;
  if (spec.data !== undefined) flags |= NFT_SET.MAP;
  if (spec.timeoutMs !== undefined) flags |= NFT_SET.TIMEOUT;
  return flags;
}

/**
 * The NEWSET payload, attributes in nft's (numeric) order: table, name, flags, key type and
 * length, data type and length, id, timeout, userdata.
 */
export function encodeNewSet(spec: NftSetSpec): Uint8Array {
  const key = NFT_DATATYPES[spec.key];
  const parts = [
    encodeNfgenmsg(familyNumber(spec.family)),
    nla.string(NFTA_SET.TABLE, spec.table),
    nla.string(NFTA_SET.NAME, spec.name),
    nla.u32be(NFTA_SET.FLAGS, setFlags(spec)),
    nla.u32be(NFTA_SET.KEY_TYPE, key.type),
    nla.u32be(NFTA_SET.KEY_LEN, key.len),
  ];
  const data = spec.data === undefined ? undefined : mapDatatypeInfo(spec.data);
  if (data !== undefined) {
    parts.push(nla.u32be(NFTA_SET.DATA_TYPE, data.type), nla.u32be(NFTA_SET.DATA_LEN, data.len));
  }
  if (spec.id !== undefined) parts.push(nla.u32be(NFTA_SET.ID, spec.id));
  if (spec.timeoutMs !== undefined) parts.push(be64(NFTA_SET.TIMEOUT, BigInt(spec.timeoutMs)));
  const udata = encodeSetUdata({
    keyByteorder: key.byteorder,
    ...(data === undefined ? {} : { dataByteorder: data.byteorder }),
    ...(spec.comment === undefined ? {} : { comment: spec.comment }),
  });
  parts.push(nla.bytes(NFTA_SET.USERDATA, udata));
  return concatBytes(parts);
}

/** The DELSET / GETSET payload: table and name. */
export function encodeSetRef(ref: NftSetRef): Uint8Array {
  return concatBytes([
    encodeNfgenmsg(familyNumber(ref.family)),
    nla.string(NFTA_SET.TABLE, ref.table),
    nla.string(NFTA_SET.NAME, ref.name),
  ]);
}

/** Decodes a NEWSET message. */
export function decodeSet(payload: Uint8Array): NftSet {
  const { header, attributes } = decodeNfgenmsg(payload);
  const path = ['NFT_MSG_NEWSET'];
  const family = familyName(header.family);
  if (family === undefined) throw new DecodeError(path, `unknown family ${header.family}`);
  const map = indexAttributes(decodeAttributes(attributes, path));
  const keyType = read.u32be(required(map, NFTA_SET.KEY_TYPE, path), path);
  const dataType = optionalU32be(map, NFTA_SET.DATA_TYPE, path);
  const dataLen = optionalU32be(map, NFTA_SET.DATA_LEN, path);
  const timeout = map.get(NFTA_SET.TIMEOUT);
  const handle = map.get(NFTA_SET.HANDLE);
  const userdata = map.get(NFTA_SET.USERDATA);
  const comment = userdata === undefined ? undefined : setCommentOfUdata(userdata.value);
  const key = datatypeName(keyType);
  const data = dataType === undefined ? undefined : datatypeName(dataType);
  return {
    family,
    table: read.string(required(map, NFTA_SET.TABLE, path)),
    name: read.string(required(map, NFTA_SET.NAME, path)),
    handle: handle === undefined ? 0 : Number(readBe64(handle, path)),
    flags: optionalU32be(map, NFTA_SET.FLAGS, path) ?? 0,
    keyType,
    keyLen: read.u32be(required(map, NFTA_SET.KEY_LEN, path), path),
    ...(key === undefined || key === 'verdict' ? {} : { key }),
    ...(dataType === undefined ? {} : { dataType }),
    ...(dataLen === undefined ? {} : { dataLen }),
    ...(data === undefined ? {} : { data }),
    ...(timeout === undefined ? {} : { timeoutMs: Number(readBe64(timeout, path)) }),
    ...(comment === undefined ? {} : { comment }),
  };
}

/** Which sets listNftSets returns. */
export interface NftSetFilter {
  readonly family?: NftFamily;
  readonly table?: string;
}

/**
 * Lists named sets and maps (`nft list sets`): a GETSET dump the kernel filters by table,
 * filtered here as well. Anonymous sets (NFT_SET.ANONYMOUS, the `{ … }` of a rule) are left out.
 */
export function listNftSets(sock: NetlinkRequester, filter: NftSetFilter = {}): NftSet[] {
  const family = filter.family === undefined ? 0 : familyNumber(filter.family);
  const parts = [encodeNfgenmsg(family)];
  if (filter.table !== undefined) parts.push(nla.string(NFTA_SET.TABLE, filter.table));
  const replies = sock.request({
    op: 'NFT_MSG_GETSET',
    type: nftMessageType(NFT_MSG.GETSET),
    flags: NLM_F.DUMP,
    payload: concatBytes(parts),
  });
  return replies
    .filter((reply) => reply.type === nftMessageType(NFT_MSG.NEWSET))
    .map((reply) => decodeSet(reply.payload))
    .filter(
      (set) =>
        (set.flags & NFT_SET.ANONYMOUS) === 0 &&
        (filter.family === undefined || set.family === filter.family) &&
        (filter.table === undefined || set.table === filter.table),
    );
}

/** One set; a missing one fails with ENOENT (isNotFound). */
export function getNftSet(sock: NetlinkRequester, ref: NftSetRef): NftSet {
  const replies = sock.request({
    op: 'NFT_MSG_GETSET',
    type: nftMessageType(NFT_MSG.GETSET),
    flags: 0,
    payload: encodeSetRef(ref),
  });
  const reply = replies.find((message) => message.type === nftMessageType(NFT_MSG.NEWSET));
  if (reply === undefined) throw new DecodeError(['NFT_MSG_GETSET'], 'no set in the reply');
  return decodeSet(reply.payload);
}
