import * as v from 'valibot';
import { DnsSchema } from '../netconf/dns.ts';
import { RouteSchema } from '../netconf/route.ts';
import { CidrSchema, IntSchema, IpSchema } from '../schema/primitives.ts';
import { RESULT_FAMILIES, type ResultFamily } from './types.ts';

/** An address with its routes in a 0.1.0/0.2.0 result. */
export const IpConfig020Schema = /* @__PURE__ */ v.object({
  ip: CidrSchema,
  gateway: v.optional(IpSchema),
  routes: v.optional(v.array(RouteSchema)),
});

/** An interface in a 0.3.x/0.4.0 result. */
export const Interface040Schema = /* @__PURE__ */ v.object({
  name: v.optional(v.string()),
  mac: v.optional(v.string()),
  sandbox: v.optional(v.string()),
});

/** An address in a 0.3.x/0.4.0 result. */
export const IpConfig040Schema = /* @__PURE__ */ v.object({
  version: v.optional(v.string()),
  interface: v.optional(IntSchema),
  address: CidrSchema,
  gateway: v.optional(IpSchema),
});

/** An interface in a 1.x result. */
export const Interface100Schema = /* @__PURE__ */ v.object({
  name: v.optional(v.string()),
  mac: v.optional(v.string()),
  mtu: v.optional(IntSchema),
  sandbox: v.optional(v.string()),
  socketPath: v.optional(v.string()),
  pciID: v.optional(v.string()),
});

/** An address in a 1.x result. */
export const IpConfig100Schema = /* @__PURE__ */ v.object({
  interface: v.optional(IntSchema),
  address: CidrSchema,
  gateway: v.optional(IpSchema),
});

function versionSchema(versions: readonly string[]) {
  return v.optional(v.picklist(versions));
}

/** The 0.1.0/0.2.0 result schema, accepting the given versions. */
export function result020Schema(versions: readonly string[] = RESULT_FAMILIES['020']) {
  return v.object({
    cniVersion: versionSchema(versions),
    ip4: v.optional(IpConfig020Schema),
    ip6: v.optional(IpConfig020Schema),
    dns: v.optional(DnsSchema),
  });
}

/** The 0.3.x/0.4.0 result schema, accepting the given versions. */
export function result040Schema(versions: readonly string[] = RESULT_FAMILIES['040']) {
  return v.object({
    cniVersion: versionSchema(versions),
    interfaces: v.optional(v.array(Interface040Schema)),
    ips: v.optional(v.array(IpConfig040Schema)),
    routes: v.optional(v.array(RouteSchema)),
    dns: v.optional(DnsSchema),
  });
}

/** The 1.x result schema, accepting the given versions. */
export function result100Schema(versions: readonly string[] = RESULT_FAMILIES['100']) {
  return v.object({
    cniVersion: versionSchema(versions),
    interfaces: v.optional(v.array(Interface100Schema)),
    ips: v.optional(v.array(IpConfig100Schema)),
    routes: v.optional(v.array(RouteSchema)),
    dns: v.optional(DnsSchema),
  });
}

/** The result schema of one family, accepting the given versions. */
export function resultFamilySchema(family: ResultFamily, versions?: readonly string[]) {
  if (family === '020') return result020Schema(versions);
  if (family === '040') return result040Schema(versions);
  return result100Schema(versions);
}

/** The 0.1.0/0.2.0 result schema. */
export const Result020Schema = /* @__PURE__ */ result020Schema();
/** The 0.3.x/0.4.0 result schema. */
export const Result040Schema = /* @__PURE__ */ result040Schema();
/** The 1.x result schema. */
export const Result100Schema = /* @__PURE__ */ result100Schema();
