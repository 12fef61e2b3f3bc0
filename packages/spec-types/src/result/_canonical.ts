import { canonicalCidr, canonicalIp } from '../ip/ip.ts';
import type { Dns } from '../netconf/dns.ts';
import type { Route } from '../netconf/route.ts';

/**
 * Helpers that bring validated result parts into the form Go prints: addresses in
 * canonical text, and the fields Go omits (empty strings and lists, zero mtu/advmss/
 * priority) left out, so that stringify only has to write what is there.
 */

export function cidr(text: string): string {
  return canonicalCidr(text) ?? text;
}

export function optionalIp(text: string | undefined): string | undefined {
  return text ? (canonicalIp(text) ?? text) : undefined;
}

export function nonEmpty(text: string | undefined): string | undefined {
  return text ? text : undefined;
}

export function nonZero(value: number | undefined): number | undefined {
  return value ? value : undefined;
}

function nonEmptyList<T>(list: readonly T[] | undefined): T[] | undefined {
  return list && list.length > 0 ? [...list] : undefined;
}

/** Drops undefined properties, so objects compare and print cleanly. */
export function compact<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) {
    if (value[key] === undefined) delete value[key];
  }
  return value;
}

export function route(from: Route): Route {
  return compact({
    dst: cidr(from.dst),
    gw: optionalIp(from.gw),
    mtu: nonZero(from.mtu),
    advmss: nonZero(from.advmss),
    priority: nonZero(from.priority),
    table: from.table,
    scope: from.scope,
  }) as Route;
}

export function routes(from: readonly Route[] | undefined): Route[] | undefined {
  return nonEmptyList(from?.map(route));
}

export function dns(from: Dns | undefined): Dns {
  return compact({
    nameservers: nonEmptyList(from?.nameservers),
    domain: nonEmpty(from?.domain),
    search: nonEmptyList(from?.search),
    options: nonEmptyList(from?.options),
  });
}

export function list<T, U>(from: readonly T[] | undefined, map: (item: T) => U): U[] | undefined {
  return nonEmptyList(from?.map(map));
}
