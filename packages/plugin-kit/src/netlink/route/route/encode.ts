import { formatIp } from '@cni-ts/spec-types';
import { concatBytes } from '../../codec/attributes.ts';
import { AF } from '../../codec/constants.ts';
import { encodeTypedAttributes } from '../_attribute-table.ts';
import { type InetFamily, maskPrefix, parseIpBytes, parsePrefixBytes } from '../_ip.ts';
import { encodeRtmsgLayout } from '../_rtmsg-layout.ts';
import { ROUTE_ATTRIBUTES } from './attributes.ts';
import { RT_SCOPE, RT_TABLE, RTN, RTNH_F, RTPROT } from './constants.ts';
import type {
  NextHopSpec,
  RouteAttribute,
  RouteMessage,
  RouteMetric,
  RouteNextHopEntry,
  RouteSpec,
} from './types.ts';

/** Encodes a route message body: struct rtmsg, then the attributes in their order. */
export function encodeRouteMessage(message: RouteMessage): Uint8Array {
  const attributes = encodeTypedAttributes(ROUTE_ATTRIBUTES, message.attributes, message);
  return concatBytes([encodeRtmsgLayout(message), attributes]);
}

function gatewayText(text: string, family: InetFamily, what: string): string {
  const gateway = parseIpBytes(text, `${what} gateway`);
  if (gateway.family !== family) {
    throw new TypeError(`${what}: gateway ${text} is not of the destination's family`);
  }
  return formatIp(gateway.bytes);
}

function nextHopEntry(hop: NextHopSpec, family: InetFamily, what: string): RouteNextHopEntry {
  const weight = hop.weight ?? 1;
  if (!Number.isInteger(weight) || weight < 1 || weight > 256) {
    throw new TypeError(`${what}: nexthop weight ${weight} is not in 1..256`);
  }
  const attributes: RouteAttribute[] = [];
  if (hop.gateway !== undefined) {
    attributes.push({ kind: 'RTA_GATEWAY', value: gatewayText(hop.gateway, family, what) });
  }
  return {
    flags: hop.onlink === true ? RTNH_F.ONLINK : 0,
    hops: weight - 1,
    index: hop.oif ?? 0,
    attributes,
  };
}

/** The scope ip picks when none is given (iproute2 iproute_modify). */
function defaultScope(
  family: InetFamily,
  type: number,
  command: 'new' | 'del',
  hasGateway: boolean,
): number {
  if (family === AF.INET6) return RT_SCOPE.UNIVERSE;
  if (type === RTN.LOCAL || type === RTN.NAT) return RT_SCOPE.HOST;
  if (type === RTN.BROADCAST || type === RTN.MULTICAST || type === RTN.ANYCAST) {
    return RT_SCOPE.LINK;
  }
  if (type === RTN.UNICAST || type === RTN.UNSPEC) {
    if (command === 'del') return RT_SCOPE.NOWHERE;
    if (!hasGateway) return RT_SCOPE.LINK;
  }
  return RT_SCOPE.UNIVERSE;
}

/**
 * The RTM_NEWROUTE (`command: 'new'`) or RTM_DELROUTE (`'del'`) message for a spec, with the
 * defaults of iproute2 6.1 `ip route add|replace|del` and its attribute order: RTA_DST,
 * RTA_SRC, RTA_GATEWAY, RTA_TABLE, RTA_PRIORITY, RTA_PREFSRC, RTA_EXPIRES, RTA_OIF,
 * RTA_METRICS (RTAX_MTU, RTAX_ADVMSS), RTA_MULTIPATH. The destination's host bits are
 * cleared, and a /0 destination is sent without RTA_DST (ip sends "::" for IPv6 default).
 */
export function routeSpecToMessage(spec: RouteSpec, command: 'new' | 'del'): RouteMessage {
  const what = command === 'new' ? 'addRoute' : 'deleteRoute';
  const dst = parsePrefixBytes(spec.dst, `${what} dst`);
  const family = dst.family;
  const attributes: RouteAttribute[] = [];
  if (dst.prefix > 0) {
    attributes.push({ kind: 'RTA_DST', value: formatIp(maskPrefix(dst.bytes, dst.prefix)) });
  }
  let srcLength = 0;
  if (spec.src !== undefined) {
    const src = parsePrefixBytes(spec.src, `${what} src`);
    if (src.family !== family)
      throw new TypeError(`${what}: src ${spec.src} is not of dst's family`);
    srcLength = src.prefix;
    attributes.push({ kind: 'RTA_SRC', value: formatIp(maskPrefix(src.bytes, src.prefix)) });
  }
  if (spec.gateway !== undefined) {
    attributes.push({ kind: 'RTA_GATEWAY', value: gatewayText(spec.gateway, family, what) });
  }
  const table = spec.table ?? RT_TABLE.MAIN;
  if (table > 255) attributes.push({ kind: 'RTA_TABLE', value: table });
  if (spec.priority !== undefined) attributes.push({ kind: 'RTA_PRIORITY', value: spec.priority });
  if (spec.prefsrc !== undefined) {
    const prefsrc = parseIpBytes(spec.prefsrc, `${what} prefsrc`);
    if (prefsrc.family !== family) throw new TypeError(`${what}: prefsrc is not of dst's family`);
    attributes.push({ kind: 'RTA_PREFSRC', value: formatIp(prefsrc.bytes) });
  }
  if (spec.expires !== undefined) attributes.push({ kind: 'RTA_EXPIRES', value: spec.expires });
  if (spec.oif !== undefined) attributes.push({ kind: 'RTA_OIF', value: spec.oif });
  const metrics: RouteMetric[] = [];
  if (spec.mtu !== undefined) metrics.push({ kind: 'RTAX_MTU', value: spec.mtu });
  if (spec.advmss !== undefined) metrics.push({ kind: 'RTAX_ADVMSS', value: spec.advmss });
  if (metrics.length > 0) attributes.push({ kind: 'RTA_METRICS', value: metrics });
  const hops = spec.multipath ?? [];
  if (hops.length > 0) {
    attributes.push({
      kind: 'RTA_MULTIPATH',
      value: hops.map((hop) => nextHopEntry(hop, family, what)),
    });
  }
  const type = spec.type ?? (command === 'new' ? RTN.UNICAST : RTN.UNSPEC);
  const hasGateway = spec.gateway !== undefined || hops.length > 0;
  return {
    family,
    dstLength: dst.prefix,
    srcLength,
    tos: spec.tos ?? 0,
    table: table > 255 ? RT_TABLE.UNSPEC : table,
    protocol: spec.protocol ?? (command === 'new' ? RTPROT.BOOT : RTPROT.UNSPEC),
    scope: spec.scope ?? defaultScope(family, type, command, hasGateway),
    type,
    flags: spec.onlink === true ? RTNH_F.ONLINK : 0,
    attributes,
  };
}
