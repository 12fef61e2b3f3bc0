import type { CniConfig, NetworkConfigList } from '@cni-ts/libcni';
import { findInPath } from '@cni-ts/libcni';
import { CniError, CniErrorCode, isCniError, parseVersion } from '@cni-ts/spec-types';

/** What validation found out about one plugin of a list. */
export interface PluginReport {
  readonly type: string;
  /** Where the binary was found on CNI_PATH. */
  readonly path?: string;
  /** Its VERSION answer. */
  readonly supportedVersions?: readonly string[];
  /** The capabilities its config enables. */
  readonly capabilities: readonly string[];
  /** Why it cannot run this list, if it cannot. */
  readonly error?: string;
  /** The CNI code of that error (1: version not supported). */
  readonly code?: number;
}

/** The outcome of {@link validateNetworkPlugins}. */
export interface ValidationReport {
  readonly name: string;
  /** The version the list runs at (negotiated when it has `cniVersions`). */
  readonly cniVersion: string;
  readonly plugins: readonly PluginReport[];
  /** The union of the enabled capabilities, sorted. */
  readonly capabilities: readonly string[];
  readonly valid: boolean;
}

function enabled(capabilities: Readonly<Record<string, boolean>> | undefined): string[] {
  return Object.entries(capabilities ?? {})
    .filter(([, on]) => on)
    .map(([name]) => name)
    .sort();
}

function versionProblem(cniVersion: string): string | undefined {
  try {
    parseVersion(cniVersion);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

async function checkPlugin(
  cni: CniConfig,
  type: string,
  cniVersion: string,
  capabilities: string[],
): Promise<PluginReport> {
  let path: string;
  try {
    path = await findInPath(type, cni.path);
  } catch (error) {
    return { type, capabilities, error: error instanceof Error ? error.message : String(error) };
  }
  try {
    const { supportedVersions } = await cni.getVersionInfo(type);
    if (supportedVersions.includes(cniVersion))
      return { type, path, supportedVersions, capabilities };
    return {
      type,
      path,
      supportedVersions,
      capabilities,
      error: `plugin ${type} does not support config version ${JSON.stringify(cniVersion)}`,
      code: CniErrorCode.IncompatibleCniVersion,
    };
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    return {
      type,
      path,
      capabilities,
      error: `VERSION failed: ${text}`,
      ...(isCniError(error) ? { code: error.code } : {}),
    };
  }
}

/**
 * Checks a parsed list the way libcni's validation does, and reports per plugin: each
 * plugin must be on CNI_PATH and list the list's version (an empty version meaning 0.1.0)
 * in its VERSION answer. Every plugin is asked, so one run shows every problem.
 */
export async function validateNetworkPlugins(
  cni: CniConfig,
  list: NetworkConfigList,
): Promise<ValidationReport> {
  const cniVersion = list.cniVersion === '' ? '0.1.0' : list.cniVersion;
  const problem = versionProblem(cniVersion);
  const plugins: PluginReport[] = [];
  for (const plugin of list.plugins) {
    const capabilities = enabled(plugin.network.capabilities);
    plugins.push(
      problem === undefined
        ? await checkPlugin(cni, plugin.network.type, cniVersion, capabilities)
        : {
            type: plugin.network.type,
            capabilities,
            error: problem,
            code: CniErrorCode.IncompatibleCniVersion,
          },
    );
  }
  const capabilities = [...new Set(plugins.flatMap((plugin) => plugin.capabilities))].sort();
  const valid = plugins.length > 0 && plugins.every((plugin) => plugin.error === undefined);
  return { name: list.name, cniVersion, plugins, capabilities, valid };
}

/** The error a failed validation ends with: the first problem's code, every problem listed. */
export function validationError(report: ValidationReport): CniError {
  const failed = report.plugins.filter((plugin) => plugin.error !== undefined);
  const details =
    failed.length > 0
      ? failed.map((plugin) => `${plugin.type}: ${plugin.error}`).join('; ')
      : 'the list has no plugins';
  return new CniError(
    failed[0]?.code ?? CniErrorCode.InvalidNetworkConfig,
    `network ${JSON.stringify(report.name)} is not valid`,
    { details },
  );
}
