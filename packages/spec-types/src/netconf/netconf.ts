import * as v from 'valibot';
import { ArgsSchema } from './args.ts';
import { DnsSchema } from './dns.ts';
import { GcAttachmentSchema, LEGACY_ATTACHMENTS_KEY, VALID_ATTACHMENTS_KEY } from './gc.ts';
import { IpamSchema } from './ipam.ts';
import { isValidNetworkName } from './names.ts';
import { RuntimeConfigSchema } from './runtime-config.ts';

/** A network name: non-empty, alphanumeric first, then alphanumerics, `_`, `.` or `-`. */
export const NetworkNameSchema = /* @__PURE__ */ v.pipe(
  v.string(),
  v.check((name) => name !== '', 'missing network name'),
  v.check(
    (name) => name === '' || isValidNetworkName(name),
    (issue) => `invalid characters found in network name ${JSON.stringify(issue.input)}`,
  ),
);

/** A plugin type: the binary's name, without a path. */
export const PluginTypeSchema = /* @__PURE__ */ v.pipe(
  v.string(),
  v.check((type) => type !== '', "missing 'type'"),
  v.check(
    (type) => !type.includes('/') && !type.includes('\\'),
    (issue) => `invalid plugin type ${JSON.stringify(issue.input)}: must not contain / or \\`,
  ),
);

/**
 * The keys every plugin config may carry, as entries to spread into a plugin's own schema:
 * `v.looseObject({ ...NetConfEntries, bridge: v.optional(v.string()) })`.
 */
export const NetConfEntries = {
  cniVersion: v.optional(v.string()),
  name: NetworkNameSchema,
  type: PluginTypeSchema,
  capabilities: v.optional(v.record(v.string(), v.boolean())),
  ipam: v.optional(IpamSchema),
  dns: v.optional(DnsSchema),
  args: v.optional(ArgsSchema),
  ipMasq: v.optional(v.boolean()),
  runtimeConfig: v.optional(RuntimeConfigSchema),
  prevResult: v.optional(v.record(v.string(), v.unknown())),
  [VALID_ATTACHMENTS_KEY]: v.optional(v.array(GcAttachmentSchema)),
  [LEGACY_ATTACHMENTS_KEY]: v.optional(v.array(GcAttachmentSchema)),
};

/**
 * A plugin's config as it arrives on stdin (or a legacy single `.conf` file). Unknown
 * keys are kept: they belong to the plugin.
 */
export const NetConfSchema = /* @__PURE__ */ v.looseObject(NetConfEntries);

/** A plugin's config. */
export type NetConf = v.InferOutput<typeof NetConfSchema>;

/**
 * A plugin object inside a list's `plugins`: as {@link NetConfSchema}, but `name` and
 * `cniVersion` are optional there because the runtime injects the list's.
 */
export const PluginConfSchema = /* @__PURE__ */ v.looseObject({
  ...NetConfEntries,
  name: v.optional(v.string()),
});

/** A plugin object inside a list. */
export type PluginConf = v.InferOutput<typeof PluginConfSchema>;
