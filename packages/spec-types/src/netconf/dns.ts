import * as v from 'valibot';

/** DNS settings in a config or a result (`types.DNS`). */
export const DnsSchema = /* @__PURE__ */ v.looseObject({
  nameservers: v.optional(v.array(v.string())),
  domain: v.optional(v.string()),
  search: v.optional(v.array(v.string())),
  options: v.optional(v.array(v.string())),
});

/** DNS settings in a config or a result. */
export type Dns = v.InferOutput<typeof DnsSchema>;
