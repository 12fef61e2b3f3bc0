import { canonicalCidr, canonicalIp } from '../ip/ip.ts';
import { encodeJson } from '../json/encode-json.ts';
import type { Dns } from '../netconf/dns.ts';
import type { Route } from '../netconf/route.ts';
import { convertResult } from './convert-result.ts';
import {
  type IpConfig020,
  isResult020,
  isResult040,
  type Result,
  type Result020,
  type Result040,
  type Result100,
} from './types.ts';

/**
 * Writers that lay results out as Go marshals its structs: fields in declaration order,
 * addresses in canonical text, optional fields only when set (empty strings and lists
 * and a zero mtu/advmss/priority are unset), `interface` (a pointer) even when 0, and
 * `dns` always (upstream libcni up to 1.1 and the Debian plugins print `"dns": {}`).
 * parseResult uses the same layout, so parsing and printing agree on one form.
 */

type Json = { [key: string]: unknown };

function cidr(text: string): string {
  return canonicalCidr(text) ?? text;
}

function ip(text: string | undefined): string | undefined {
  return text ? (canonicalIp(text) ?? text) : undefined;
}

function route(from: Route): Json {
  const { dst, gw, mtu, advmss, priority, table, scope } = from;
  return {
    dst: cidr(dst),
    gw: ip(gw),
    mtu: mtu || undefined,
    advmss: advmss || undefined,
    priority: priority || undefined,
    table,
    scope,
  };
}

function routes(from: readonly Route[] | undefined): Json[] | undefined {
  return list(from, route);
}

function dns(from: Dns | undefined): Json {
  const nonEmpty = (list: readonly string[] | undefined) =>
    list && list.length > 0 ? list : undefined;
  return {
    nameservers: nonEmpty(from?.nameservers),
    domain: from?.domain || undefined,
    search: nonEmpty(from?.search),
    options: nonEmpty(from?.options),
  };
}

/** Each item laid out; a loop, not map(): every exec prints and parses results. */
function list<T>(from: readonly T[] | undefined, map: (item: T) => Json): Json[] | undefined {
  if (!from || from.length === 0) return undefined;
  const out: Json[] = [];
  for (const item of from) out.push(map(item));
  return out;
}

function layout020(result: Result020): Json {
  const ipConfig = (from: IpConfig020 | undefined) =>
    from && { ip: cidr(from.ip), gateway: ip(from.gateway), routes: routes(from.routes) };
  return {
    cniVersion: result.cniVersion,
    ip4: ipConfig(result.ip4),
    ip6: ipConfig(result.ip6),
    dns: dns(result.dns),
  };
}

function layout040(result: Result040): Json {
  return {
    cniVersion: result.cniVersion,
    interfaces: list(result.interfaces, (intf) => ({
      name: intf.name ?? '',
      mac: intf.mac || undefined,
      sandbox: intf.sandbox || undefined,
    })),
    ips: list(result.ips, (config) => ({
      version: config.version ?? '',
      interface: config.interface,
      address: cidr(config.address),
      gateway: ip(config.gateway),
    })),
    routes: routes(result.routes),
    dns: dns(result.dns),
  };
}

function layout100(result: Result100): Json {
  return {
    cniVersion: result.cniVersion,
    interfaces: list(result.interfaces, (intf) => ({
      name: intf.name ?? '',
      mac: intf.mac || undefined,
      mtu: intf.mtu || undefined,
      sandbox: intf.sandbox || undefined,
      socketPath: intf.socketPath || undefined,
      pciID: intf.pciID || undefined,
    })),
    ips: list(result.ips, (config) => ({
      interface: config.interface,
      address: cidr(config.address),
      gateway: ip(config.gateway),
    })),
    routes: routes(result.routes),
    dns: dns(result.dns),
  };
}

/** The JSON object upstream would marshal for `result`, keys in upstream's order. */
export function resultToJson(result: Result): Json {
  if (isResult020(result)) return layout020(result);
  if (isResult040(result)) return layout040(result);
  return layout100(result as Result100);
}

/** Options of {@link stringifyResult}. */
export interface StringifyResultOptions {
  /** Convert to this version first (as upstream's `PrintResult`). */
  version?: string;
  /** Indentation; upstream prints with four spaces. "" gives compact JSON. */
  indent?: string;
}

/**
 * Prints a result byte for byte as an upstream plugin does (`types.PrintResult`): keys
 * in upstream's order, Go's string escaping, four-space indent, no trailing newline.
 */
export function stringifyResult(result: Result, options: StringifyResultOptions = {}): string {
  const printed = options.version === undefined ? result : convertResult(result, options.version);
  return layoutJson(resultToJson(printed), options.indent ?? '    ');
}

/**
 * The layout as JSON.stringify writes it, where that is Go's text: a layout holds strings,
 * integers, and plain objects and arrays only (resultToJson makes it so), and the two then
 * differ only by characters Go escapes and JSON.stringify does not (`<`, `>`, `&`, U+2028,
 * U+2029), a lone surrogate (JSON.stringify escapes it as `\u…`, Go writes U+FFFD) and an
 * indent longer than the 10 characters JSON.stringify keeps; then encodeJson writes it.
 * (A -0, which Go's int fields hold as 0, JSON.stringify writes as Go does.) Cold, 22 µs
 * against about 180 µs for encodeJson: every ADD prints a result.
 */
function layoutJson(layout: Json, indent: string): string {
  if (indent.length <= 10) {
    const text = JSON.stringify(layout, null, indent);
    const goEscapes =
      text.includes('<') ||
      text.includes('>') ||
      text.includes('&') ||
      text.includes('\u2028') ||
      text.includes('\u2029') ||
      text.includes('\\u');
    if (!goEscapes) return text;
  }
  return encodeJson(layout, indent);
}
