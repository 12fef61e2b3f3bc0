import * as v from 'valibot';
import { FlexibleBoolSchema } from '../schema/primitives.ts';
import { parseVersion } from '../version/version.ts';
import { NetworkNameSchema, PluginConfSchema } from './netconf.ts';

function isParsableVersion(version: string): boolean {
  try {
    parseVersion(version);
    return true;
  } catch {
    return false;
  }
}

/** A spec version string as written in a config ("" means 0.1.0). */
export const VersionStringSchema = /* @__PURE__ */ v.pipe(
  v.string(),
  v.check(isParsableVersion, (issue) => `invalid version ${JSON.stringify(issue.input)}`),
);

function netConfListEntries() {
  return {
    cniVersion: v.optional(v.string()),
    cniVersions: v.optional(v.array(VersionStringSchema)),
    name: NetworkNameSchema,
    disableCheck: v.optional(FlexibleBoolSchema),
    disableGC: v.optional(FlexibleBoolSchema),
    loadOnlyInlinedPlugins: v.optional(FlexibleBoolSchema),
    plugins: v.optional(
      v.pipe(
        v.array(PluginConfSchema),
        v.check((plugins) => plugins.length > 0, 'no plugins in list'),
      ),
    ),
  };
}

/**
 * The keys of a network configuration list (a `.conflist` file). Made by a pure call, so a
 * bundle that never reads a conflist (a plugin's) leaves them out, and with them the
 * union of FlexibleBoolSchema, whose making costs an exec the first calls of builtins.
 */
export const NetConfListEntries = /* @__PURE__ */ netConfListEntries();

/**
 * A network configuration list. `plugins` may be absent (the runtime then loads the
 * plugins from the `<confdir>/<name>/` drop-in folder) unless `loadOnlyInlinedPlugins`
 * is set; when present it must not be empty.
 */
export const NetConfListSchema = /* @__PURE__ */ v.pipe(
  v.looseObject(NetConfListEntries),
  v.check(
    (list) => !(list.loadOnlyInlinedPlugins === true && list.plugins === undefined),
    'plugins: required when loadOnlyInlinedPlugins is true',
  ),
);

/** A network configuration list. */
export type NetConfList = v.InferOutput<typeof NetConfListSchema>;
