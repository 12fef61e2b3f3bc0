import { concatBytes, decodeAttributes, indexAttributes, nla, read } from '../codec/attributes.ts';
import { NLM_F } from '../codec/constants.ts';
import { DecodeError } from '../codec/decode-error.ts';
import type { NetlinkRequester } from '../socket/requester.ts';
import { be64, readBe64, required } from './_attr.ts';
import { NFT_MSG, NFTA_TABLE, nftMessageType } from './constants.ts';
import { familyName, familyNumber, type NftFamily } from './family.ts';
import { decodeNfgenmsg, encodeNfgenmsg } from './nfgenmsg.ts';
import { commentOfUdata, encodeCommentUdata } from './udata.ts';

/** A table as the plugins create it. */
export interface NftTableSpec {
  readonly family: NftFamily;
  readonly name: string;
  /** NFT_TABLE_F_* (dormant, owner); nft sends 0. */
  readonly flags?: number;
  readonly comment?: string;
}

/** A table as the kernel lists it. */
export interface NftTable extends NftTableSpec {
  readonly handle: number;
  /** How many chains, sets… the table holds (NFTA_TABLE_USE). */
  readonly use: number;
}

/** Which table a message names: by name, or by handle. */
export interface NftTableRef {
  readonly family: NftFamily;
  readonly name: string;
  readonly handle?: number;
}

/** The NEWTABLE payload, attributes in nft's order: name, flags, userdata. */
export function encodeNewTable(spec: NftTableSpec): Uint8Array {
  const parts = [
    encodeNfgenmsg(familyNumber(spec.family)),
    nla.string(NFTA_TABLE.NAME, spec.name),
    nla.u32be(NFTA_TABLE.FLAGS, spec.flags ?? 0),
  ];
  if (spec.comment !== undefined) {
    parts.push(nla.bytes(NFTA_TABLE.USERDATA, encodeCommentUdata(spec.comment)));
  }
  return concatBytes(parts);
}

/** The DELTABLE / GETTABLE payload: the name, or the handle when given. */
export function encodeTableRef(ref: NftTableRef): Uint8Array {
  return concatBytes([
    encodeNfgenmsg(familyNumber(ref.family)),
    ref.handle === undefined
      ? nla.string(NFTA_TABLE.NAME, ref.name)
      : be64(NFTA_TABLE.HANDLE, BigInt(ref.handle)),
  ]);
}

/** Decodes a NEWTABLE message (a dump part or a notification). */
export function decodeTable(payload: Uint8Array): NftTable {
  const { header, attributes } = decodeNfgenmsg(payload);
  const path = ['NFT_MSG_NEWTABLE'];
  const family = familyName(header.family);
  if (family === undefined) throw new DecodeError(path, `unknown family ${header.family}`);
  const map = indexAttributes(decodeAttributes(attributes, path));
  const flags = map.get(NFTA_TABLE.FLAGS);
  const userdata = map.get(NFTA_TABLE.USERDATA);
  const comment = userdata === undefined ? undefined : commentOfUdata(userdata.value);
  const handle = map.get(NFTA_TABLE.HANDLE);
  const use = map.get(NFTA_TABLE.USE);
  return {
    family,
    name: read.string(required(map, NFTA_TABLE.NAME, path)),
    ...(flags === undefined ? {} : { flags: read.u32be(flags, path) }),
    ...(comment === undefined ? {} : { comment }),
    handle: handle === undefined ? 0 : Number(readBe64(handle, path)),
    use: use === undefined ? 0 : read.u32be(use, path),
  };
}

/** Lists the tables (`nft list tables`), of one family when given. */
export function listNftTables(sock: NetlinkRequester, family?: NftFamily): NftTable[] {
  const replies = sock.request({
    op: 'NFT_MSG_GETTABLE',
    type: nftMessageType(NFT_MSG.GETTABLE),
    flags: NLM_F.DUMP,
    payload: encodeNfgenmsg(family === undefined ? 0 : familyNumber(family)),
  });
  return replies
    .filter((reply) => reply.type === nftMessageType(NFT_MSG.NEWTABLE))
    .map((reply) => decodeTable(reply.payload))
    .filter((table) => family === undefined || table.family === family);
}

/** One table; a missing one fails with ENOENT (isNotFound). */
export function getNftTable(sock: NetlinkRequester, ref: NftTableRef): NftTable {
  const replies = sock.request({
    op: 'NFT_MSG_GETTABLE',
    type: nftMessageType(NFT_MSG.GETTABLE),
    flags: 0,
    payload: encodeTableRef(ref),
  });
  const reply = replies.find((message) => message.type === nftMessageType(NFT_MSG.NEWTABLE));
  if (reply === undefined) throw new DecodeError(['NFT_MSG_GETTABLE'], 'no table in the reply');
  return decodeTable(reply.payload);
}
