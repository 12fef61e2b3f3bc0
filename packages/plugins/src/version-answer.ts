import { stringifyVersionInfo } from '@cni-ts/spec-types';
import { type PluginName, pluginVersions } from './plugin-versions.ts';

/** Whether `name` is a plugin of this executable. */
export function isPluginName(name: string): name is PluginName {
  return Object.hasOwn(pluginVersions, name);
}

/** What the plugin named `name` prints for CNI_COMMAND=VERSION (its skel prints the same). */
export function versionAnswer(name: PluginName): string {
  return stringifyVersionInfo(pluginVersions[name]);
}

/**
 * Answers CNI_COMMAND=VERSION as the plugin's skel does (its `versions`, whatever else the
 * environment holds, then exit 0) without loading the plugin: VERSION is every runtime's
 * first exec of a plugin, and loading the plugin's index would cost it half a millisecond.
 */
export async function answerVersion(name: PluginName): Promise<never> {
  await Bun.write(Bun.stdout, versionAnswer(name));
  process.exit(0);
}
