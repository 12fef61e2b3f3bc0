import { negotiateVersion } from '@cni-ts/spec-types';
import type { NetworkConfigList } from '../conf/types.ts';
import type { OperationContext, OperationOptions } from './_context.ts';
import { pluginVersionInfo } from './_plugin-version.ts';

/**
 * Plugin-aware version negotiation (the spec lets a runtime "consider the plugins'
 * VERSION output"): for a list that carries `cniVersions`, every plugin's VERSION answer
 * is taken into account, and the list runs at the highest version of `cniVersion` ∪
 * `cniVersions` that all of them support. So `{"cniVersion":"1.1.0","cniVersions":
 * ["1.0.0","1.1.0"]}` lands on 1.0.0 with plugins that speak up to 1.0.0, where upstream
 * picks 1.1.0 and the plugins refuse it. A list without `cniVersions`, a plugin that
 * cannot be asked, or no common version leaves the list as upstream would run it, so the
 * operation reports the real problem.
 *
 * The answers come from the context's `VersionCache`: a plugin file is asked once, and
 * again only when a new binary is installed at its path, so in steady state negotiation
 * costs a lookup and a stat per plugin, no exec. A failed VERSION is not kept.
 */
export async function negotiateWithPlugins(
  ctx: OperationContext,
  list: NetworkConfigList,
  options: OperationOptions = {},
): Promise<NetworkConfigList> {
  if (list.cniVersions === undefined || list.plugins.length === 0) return list;
  let supported: string[] | undefined;
  for (const plugin of list.plugins) {
    let versions: readonly string[];
    try {
      versions = (await pluginVersionInfo(ctx, plugin.network.type, options)).supportedVersions;
    } catch {
      return list;
    }
    supported =
      supported === undefined ? [...versions] : supported.filter((v) => versions.includes(v));
  }
  const picked = negotiateVersion(list.declaredVersion, list.cniVersions, {
    supported: supported ?? [],
  });
  return picked === '' || picked === list.cniVersion ? list : { ...list, cniVersion: picked };
}
