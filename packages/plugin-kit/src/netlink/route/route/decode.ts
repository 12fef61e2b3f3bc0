import { DecodeError } from '../../codec/decode-error.ts';
import { decodeTypedAttributes, definedOnly, lastOf } from '../_attribute-table.ts';
import { defaultPrefix } from '../_ip.ts';
import { decodeRtmsgLayout } from '../_rtmsg-layout.ts';
import { isInetFamily } from '../address/decode.ts';
import { ROUTE_ATTRIBUTES } from './attributes.ts';
import { RTMSG_LEN } from './constants.ts';
import type { NextHop, Route, RouteMessage, RouteNextHopEntry } from './types.ts';

/**
 * Decodes a route message body (after the netlink header). Malformed input throws
 * DecodeError at `path` (default ['RTM_NEWROUTE']), never anything else.
 */
export function decodeRouteMessage(
  payload: Uint8Array,
  path: readonly string[] = ['RTM_NEWROUTE'],
): RouteMessage {
  const header = decodeRtmsgLayout(payload, path, 'rtmsg');
  const bytes = payload.subarray(RTMSG_LEN);
  return { ...header, attributes: decodeTypedAttributes(ROUTE_ATTRIBUTES, bytes, header, path) };
}

function nextHop(entry: RouteNextHopEntry): NextHop {
  const gateway = lastOf(entry.attributes, 'RTA_GATEWAY');
  return {
    ...(gateway === undefined ? {} : { gateway }),
    oif: entry.index,
    weight: entry.hops + 1,
    flags: entry.flags,
  };
}

/** USER_HZ: the unit of rta_cacheinfo.rta_expires. */
const USER_HZ = 100;

/**
 * The readable record of a route message. Throws DecodeError when the family is not
 * AF_INET/AF_INET6.
 */
export function toRoute(message: RouteMessage): Route {
  const { family, attributes } = message;
  if (!isInetFamily(family)) {
    throw new DecodeError(['RTM_NEWROUTE'], `family ${family} is not AF_INET or AF_INET6`);
  }
  const dst = lastOf(attributes, 'RTA_DST');
  const src = lastOf(attributes, 'RTA_SRC');
  const metrics = lastOf(attributes, 'RTA_METRICS') ?? [];
  const cacheInfo = lastOf(attributes, 'RTA_CACHEINFO');
  const expires =
    lastOf(attributes, 'RTA_EXPIRES') ??
    (cacheInfo !== undefined && cacheInfo.expires > 0
      ? Math.floor(cacheInfo.expires / USER_HZ)
      : undefined);
  const hops = lastOf(attributes, 'RTA_MULTIPATH');
  const optional = {
    src: src === undefined ? undefined : `${src}/${message.srcLength}`,
    gateway: lastOf(attributes, 'RTA_GATEWAY'),
    via: lastOf(attributes, 'RTA_VIA'),
    oif: lastOf(attributes, 'RTA_OIF'),
    iif: lastOf(attributes, 'RTA_IIF'),
    prefsrc: lastOf(attributes, 'RTA_PREFSRC'),
    priority: lastOf(attributes, 'RTA_PRIORITY'),
    mtu: lastOf(metrics, 'RTAX_MTU'),
    advmss: lastOf(metrics, 'RTAX_ADVMSS'),
    hoplimit: lastOf(metrics, 'RTAX_HOPLIMIT'),
    multipath: hops?.map(nextHop),
    pref: lastOf(attributes, 'RTA_PREF'),
    expires,
    cacheInfo,
    nhid: lastOf(attributes, 'RTA_NH_ID'),
  };
  return {
    family,
    dst:
      dst === undefined && message.dstLength === 0
        ? defaultPrefix(family)
        : `${dst ?? defaultPrefix(family).split('/')[0]}/${message.dstLength}`,
    table: lastOf(attributes, 'RTA_TABLE') ?? message.table,
    protocol: message.protocol,
    scope: message.scope,
    type: message.type,
    flags: message.flags,
    tos: message.tos,
    ...definedOnly(optional),
    message,
  };
}
