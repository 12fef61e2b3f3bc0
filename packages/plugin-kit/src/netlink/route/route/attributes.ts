import { concatBytes } from '../../codec/attributes.ts';
import { DecodeError } from '../../codec/decode-error.ts';
import { align4 } from '../../codec/header.ts';
import {
  type AttributeTable,
  decodeTypedAttributes,
  encodeTypedAttributes,
  formatMac,
  nestedList,
  parseMac,
  u32Struct,
  type ValueCodec,
  values,
} from '../_attribute-table.ts';
import { ipFromBytes, ipLength, ipToBytes } from '../_ip.ts';
import { RTA, RTAX, RTNEXTHOP_LEN } from './constants.ts';
import type {
  RouteAttribute,
  RouteCacheInfo,
  RouteMetric,
  RouteNextHopEntry,
  RouteVia,
} from './types.ts';

/** How each RTAX_* metric is encoded (all u32 but the congestion control name). */
export const ROUTE_METRICS: AttributeTable<RouteMetric> = {
  RTAX_LOCK: { type: RTAX.LOCK, codec: values.u32 },
  RTAX_MTU: { type: RTAX.MTU, codec: values.u32 },
  RTAX_WINDOW: { type: RTAX.WINDOW, codec: values.u32 },
  RTAX_RTT: { type: RTAX.RTT, codec: values.u32 },
  RTAX_RTTVAR: { type: RTAX.RTTVAR, codec: values.u32 },
  RTAX_SSTHRESH: { type: RTAX.SSTHRESH, codec: values.u32 },
  RTAX_CWND: { type: RTAX.CWND, codec: values.u32 },
  RTAX_ADVMSS: { type: RTAX.ADVMSS, codec: values.u32 },
  RTAX_REORDERING: { type: RTAX.REORDERING, codec: values.u32 },
  RTAX_HOPLIMIT: { type: RTAX.HOPLIMIT, codec: values.u32 },
  RTAX_INITCWND: { type: RTAX.INITCWND, codec: values.u32 },
  RTAX_FEATURES: { type: RTAX.FEATURES, codec: values.u32 },
  RTAX_RTO_MIN: { type: RTAX.RTO_MIN, codec: values.u32 },
  RTAX_INITRWND: { type: RTAX.INITRWND, codec: values.u32 },
  RTAX_QUICKACK: { type: RTAX.QUICKACK, codec: values.u32 },
  RTAX_CC_ALGO: { type: RTAX.CC_ALGO, codec: values.string },
  RTAX_FASTOPEN_NO_COOKIE: { type: RTAX.FASTOPEN_NO_COOKIE, codec: values.u32 },
};

const cacheInfo = u32Struct<keyof RouteCacheInfo>(
  ['clntref', 'lastuse', 'expires', 'error', 'used', 'id', 'ts', 'tsage'],
  ['expires'],
);

/** struct rtvia: u16 family, then the address bytes. */
const via: ValueCodec<RouteVia> = {
  encode: (value) => {
    const address =
      ipLength(value.family) === undefined
        ? parseMac(value.address)
        : ipToBytes(value.address, value.family, 'RTA_VIA');
    const out = new Uint8Array(2 + address.length);
    new DataView(out.buffer).setUint16(0, value.family, true);
    out.set(address, 2);
    return out;
  },
  decode: (bytes, _context, path) => {
    if (bytes.length < 2) throw new DecodeError(path, `needs 2 bytes, has ${bytes.length}`);
    const family = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint16(
      0,
      true,
    );
    const address = bytes.subarray(2);
    return {
      family,
      address:
        ipLength(family) === undefined ? formatMac(address) : ipFromBytes(address, family, path),
    };
  },
};

/** RTA_MULTIPATH: a list of struct rtnexthop, each followed by its own RTA_* attributes. */
const multipath: ValueCodec<readonly RouteNextHopEntry[]> = {
  encode: (hops, context) =>
    concatBytes(
      hops.map((hop) => {
        const attributes = encodeTypedAttributes(ROUTE_ATTRIBUTES, hop.attributes, context);
        const length = RTNEXTHOP_LEN + attributes.length;
        const out = new Uint8Array(align4(length));
        const view = new DataView(out.buffer);
        view.setUint16(0, length, true);
        view.setUint8(2, hop.flags);
        view.setUint8(3, hop.hops);
        view.setInt32(4, hop.index, true);
        out.set(attributes, RTNEXTHOP_LEN);
        return out;
      }),
    ),
  decode: (bytes, context, path) => {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const hops: RouteNextHopEntry[] = [];
    let offset = 0;
    while (bytes.length - offset >= RTNEXTHOP_LEN) {
      const length = view.getUint16(offset, true);
      if (length < RTNEXTHOP_LEN || length > bytes.length - offset) {
        throw new DecodeError(
          path,
          `rtnexthop of length ${length}, ${bytes.length - offset} bytes left`,
        );
      }
      hops.push({
        flags: view.getUint8(offset + 2),
        hops: view.getUint8(offset + 3),
        index: view.getInt32(offset + 4, true),
        attributes: decodeTypedAttributes(
          ROUTE_ATTRIBUTES,
          bytes.subarray(offset + RTNEXTHOP_LEN, offset + length),
          context,
          [...path, `rtnexthop[${hops.length}]`],
        ),
      });
      offset += align4(length);
    }
    return hops;
  },
};

/** How each RTA_* attribute is encoded: type number and value codec (size, byte order). */
export const ROUTE_ATTRIBUTES: AttributeTable<RouteAttribute> = {
  RTA_DST: { type: RTA.DST, codec: values.ip },
  RTA_SRC: { type: RTA.SRC, codec: values.ip },
  RTA_IIF: { type: RTA.IIF, codec: values.u32 },
  RTA_OIF: { type: RTA.OIF, codec: values.u32 },
  RTA_GATEWAY: { type: RTA.GATEWAY, codec: values.ip },
  RTA_PRIORITY: { type: RTA.PRIORITY, codec: values.u32 },
  RTA_PREFSRC: { type: RTA.PREFSRC, codec: values.ip },
  RTA_METRICS: { type: RTA.METRICS, codec: nestedList(() => ROUTE_METRICS) },
  RTA_MULTIPATH: { type: RTA.MULTIPATH, codec: multipath },
  RTA_FLOW: { type: RTA.FLOW, codec: values.u32 },
  RTA_CACHEINFO: { type: RTA.CACHEINFO, codec: cacheInfo },
  RTA_TABLE: { type: RTA.TABLE, codec: values.u32 },
  RTA_MARK: { type: RTA.MARK, codec: values.u32 },
  RTA_VIA: { type: RTA.VIA, codec: via },
  RTA_PREF: { type: RTA.PREF, codec: values.u8 },
  RTA_ENCAP_TYPE: { type: RTA.ENCAP_TYPE, codec: values.u16 },
  RTA_EXPIRES: { type: RTA.EXPIRES, codec: values.u32 },
  RTA_UID: { type: RTA.UID, codec: values.u32 },
  RTA_TTL_PROPAGATE: { type: RTA.TTL_PROPAGATE, codec: values.u8 },
  RTA_IP_PROTO: { type: RTA.IP_PROTO, codec: values.u8 },
  RTA_SPORT: { type: RTA.SPORT, codec: values.u16be },
  RTA_DPORT: { type: RTA.DPORT, codec: values.u16be },
  RTA_NH_ID: { type: RTA.NH_ID, codec: values.u32 },
};
