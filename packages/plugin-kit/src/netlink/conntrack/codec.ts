import {
  concatBytes,
  decodeAttributes,
  indexAttributes,
  nla,
  type RawAttribute,
  read,
} from '../codec/attributes.ts';
import { AF, NLA_F } from '../codec/constants.ts';
import { DecodeError } from '../codec/decode-error.ts';
import { decodeNfgenmsg, encodeNfgenmsg } from '../netfilter/nfgenmsg.ts';
import { ipFromBytes, parseIpBytes } from '../route/_ip.ts';
import { CTA, CTA_FILTER, CTA_FILTER_F, CTA_IP, CTA_PROTO, CTA_TUPLE } from './constants.ts';

// Byte encoding of the conntrack entries the kit reads and deletes: the original-direction
// tuple (addresses, protocol, ports) and the zone, nothing more.

/** One direction's tuple of a conntrack entry. */
export interface ConntrackTuple {
  readonly src: string;
  readonly dst: string;
  /** IP protocol number. */
  readonly protocol: number;
  readonly srcPort?: number;
  readonly dstPort?: number;
}

/** A conntrack entry as the kit sees it. */
export interface ConntrackEntry {
  readonly family: 4 | 6;
  readonly orig: ConntrackTuple;
  readonly zone: number;
}

function nested(type: number, children: readonly Uint8Array[]): Uint8Array {
  return nla.nested(type | NLA_F.NESTED, children);
}

/** CTA_TUPLE_ORIG with the addresses, protocol and ports of `tuple`. */
export function encodeTuple(type: number, tuple: ConntrackTuple): Uint8Array {
  const src = parseIpBytes(tuple.src, 'conntrack src').bytes;
  const dst = parseIpBytes(tuple.dst, 'conntrack dst').bytes;
  const v4 = src.length === 4;
  const proto = [nla.u8(CTA_PROTO.NUM, tuple.protocol)];
  if (tuple.srcPort !== undefined) proto.push(nla.u16be(CTA_PROTO.SRC_PORT, tuple.srcPort));
  if (tuple.dstPort !== undefined) proto.push(nla.u16be(CTA_PROTO.DST_PORT, tuple.dstPort));
  return nested(type, [
    nested(CTA_TUPLE.IP, [
      nla.bytes(v4 ? CTA_IP.V4_SRC : CTA_IP.V6_SRC, src),
      nla.bytes(v4 ? CTA_IP.V4_DST : CTA_IP.V6_DST, dst),
    ]),
    nested(CTA_TUPLE.PROTO, proto),
  ]);
}

function afOf(family: 4 | 6): number {
  return family === 4 ? AF.INET : AF.INET6;
}

/**
 * The payload of a dump (IPCTNL_MSG_CT_GET with NLM_F_DUMP) of one family's entries, or of
 * both (`undefined`: AF_UNSPEC). The kernel walks its whole conntrack hash for each dump
 * (about 10 ms here), so one dump for both families halves the cost.
 */
export function encodeDumpRequest(family?: 4 | 6): Uint8Array {
  return encodeNfgenmsg(family === undefined ? AF.UNSPEC : afOf(family));
}

/** Which entries a filtered dump asks the kernel for: one family, protocol and destination port. */
export interface ConntrackDumpFilter {
  readonly family: 4 | 6;
  readonly protocol: number;
  readonly dstPort: number;
}

/**
 * The payload of a dump the kernel filters (CTA_FILTER, Linux 5.8+): only entries of
 * `filter.family` whose original tuple has its protocol and destination port. The kernel
 * still walks its whole hash, but sends (and this process decodes) only the matches.
 */
export function encodeFilteredDumpRequest(filter: ConntrackDumpFilter): Uint8Array {
  return concatBytes([
    encodeNfgenmsg(afOf(filter.family)),
    nested(CTA.TUPLE_ORIG, [
      nested(CTA_TUPLE.PROTO, [
        nla.u8(CTA_PROTO.NUM, filter.protocol),
        nla.u16be(CTA_PROTO.DST_PORT, filter.dstPort),
      ]),
    ]),
    nested(CTA.FILTER, [
      nla.u32(CTA_FILTER.ORIG_FLAGS, CTA_FILTER_F.PROTO_NUM | CTA_FILTER_F.PROTO_DST_PORT),
      nla.u32(CTA_FILTER.REPLY_FLAGS, 0),
    ]),
  ]);
}

/** The payload that deletes `entry` (IPCTNL_MSG_CT_DELETE by original tuple and zone). */
export function encodeDeleteRequest(entry: ConntrackEntry): Uint8Array {
  const parts = [encodeNfgenmsg(afOf(entry.family)), encodeTuple(CTA.TUPLE_ORIG, entry.orig)];
  if (entry.zone !== 0) parts.push(nla.u16be(CTA.ZONE, entry.zone));
  return concatBytes(parts);
}

function decodeTuple(attribute: RawAttribute, path: readonly string[]): ConntrackTuple {
  const tuple = indexAttributes(read.nested(attribute, path));
  const ip = indexAttributes(read.nested(required(tuple, CTA_TUPLE.IP, path), path));
  const proto = indexAttributes(read.nested(required(tuple, CTA_TUPLE.PROTO, path), path));
  const src = ip.get(CTA_IP.V4_SRC) ?? ip.get(CTA_IP.V6_SRC);
  const dst = ip.get(CTA_IP.V4_DST) ?? ip.get(CTA_IP.V6_DST);
  if (src === undefined || dst === undefined)
    throw new DecodeError(path, 'tuple without addresses');
  const srcPort = proto.get(CTA_PROTO.SRC_PORT);
  const dstPort = proto.get(CTA_PROTO.DST_PORT);
  return {
    src: ipFromBytes(src.value, src.value.length === 4 ? AF.INET : AF.INET6, path),
    dst: ipFromBytes(dst.value, dst.value.length === 4 ? AF.INET : AF.INET6, path),
    protocol: read.u8(required(proto, CTA_PROTO.NUM, path), path),
    ...(srcPort === undefined ? {} : { srcPort: read.u16be(srcPort, path) }),
    ...(dstPort === undefined ? {} : { dstPort: read.u16be(dstPort, path) }),
  };
}

function required(
  map: ReadonlyMap<number, RawAttribute>,
  type: number,
  path: readonly string[],
): RawAttribute {
  const attribute = map.get(type);
  if (attribute === undefined) throw new DecodeError(path, `attribute ${type} missing`);
  return attribute;
}

/** Decodes an IPCTNL_MSG_CT_NEW message of a dump. */
export function decodeEntry(payload: Uint8Array): ConntrackEntry {
  const path = ['conntrack'];
  const { header, attributes } = decodeNfgenmsg(payload);
  const map = indexAttributes(decodeAttributes(attributes, path));
  const zone = map.get(CTA.ZONE);
  return {
    family: header.family === AF.INET6 ? 6 : 4,
    orig: decodeTuple(required(map, CTA.TUPLE_ORIG, path), [...path, 'orig']),
    zone: zone === undefined ? 0 : read.u16be(zone, path),
  };
}
