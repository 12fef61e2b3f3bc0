import { negotiateVersion, type VersionInfo } from '@cni-ts/spec-types';
import type { NetworkConfigList } from '../conf/types.ts';
import type { OperationContext, OperationOptions } from './_context.ts';
import { pluginVersionInfo } from './_validate.ts';

/** VERSION answers per plugin type, kept for the life of one CniConfig. */
export type VersionCache = Map<string, Promise<VersionInfo>>;

/**
 * Plugin-aware version negotiation (the spec lets a runtime "consider the plugins'
 * VERSION output"): for a list that carries `cniVersions`, every plugin is asked for
 * VERSION once, and the list runs at the highest version of `cniVersion` ∪ `cniVersions`
 * that all of them support. So `{"cniVersion":"1.1.0","cniVersions":["1.0.0","1.1.0"]}`
 * lands on 1.0.0 with plugins that speak up to 1.0.0, where upstream picks 1.1.0 and the
 * plugins refuse it. A list without `cniVersions`, a plugin that cannot be asked, or no
 * common version leaves the list as upstream would run it, so the operation reports the
 * real problem.
 */
export async function negotiateWithPlugins(
  ctx: OperationContext,
  cache: VersionCache,
  list: NetworkConfigList,
  options: OperationOptions = {},
): Promise<NetworkConfigList> {
  if (list.cniVersions === undefined || list.plugins.length === 0) return list;
  let supported: string[] | undefined;
  for (const plugin of list.plugins) {
    const type = plugin.network.type;
    let info = cache.get(type);
    if (info === undefined) {
      info = pluginVersionInfo(ctx, type, options);
      cache.set(type, info);
    }
    let versions: readonly string[];
    try {
      versions = (await info).supportedVersions;
    } catch {
      cache.delete(type);
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
