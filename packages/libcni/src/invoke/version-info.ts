import {
  CURRENT_VERSION,
  isCniError,
  LEGACY_VERSION_INFO,
  type VersionInfo,
} from '@cni-ts/spec-types';
import { pluginEnv } from './args.ts';
import type { Environment, Exec, ExecPluginOptions } from './exec.ts';

/** True for the error plugins from before VERSION existed print for it. */
function isUnknownVersionCommand(error: unknown): boolean {
  return isCniError(error) && error.message === 'unknown CNI_COMMAND: VERSION';
}

/**
 * Asks a plugin which spec versions it supports, as upstream's GetVersionInfo: VERSION
 * with stdin `{"cniVersion":"1.1.0"}` and dummy CNI_NETNS/CNI_IFNAME/CNI_PATH (for old
 * skel builds). A plugin answering "unknown CNI_COMMAND: VERSION" supports only 0.1.0;
 * a VERSION output of 0.2.0 without a list means 0.1.0 and 0.2.0.
 */
export async function getVersionInfo(
  exec: Exec,
  pluginPath: string,
  options: ExecPluginOptions & { readonly env?: Environment | undefined } = {},
): Promise<VersionInfo> {
  const env = pluginEnv(
    { command: 'VERSION', netns: 'dummy', ifName: 'dummy', path: 'dummy' },
    options.env,
  );
  const stdin = new TextEncoder().encode(`{"cniVersion":${JSON.stringify(CURRENT_VERSION)}}`);
  let output: Uint8Array;
  try {
    output = await exec.execPlugin(pluginPath, stdin, env, options);
  } catch (error) {
    if (isUnknownVersionCommand(error)) {
      return {
        ...LEGACY_VERSION_INFO,
        supportedVersions: [...LEGACY_VERSION_INFO.supportedVersions],
      };
    }
    throw error;
  }
  return exec.decode(output);
}
