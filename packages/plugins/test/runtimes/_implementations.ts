// The two plugin sets every runtime test runs: ours (the compiled multicall executable)
// and Debian's Go plugins, the control that shows the test itself holds for upstream.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pluginNames } from '../../src/registry.ts';
import { pluginBinDir } from '../_binary.ts';
import { GO_PLUGIN_DIR } from '../_world.ts';

export interface PluginImplementation {
  readonly label: string;
  /** Why the plugin types cannot run from this set (not there yet), or null. */
  missing(types: readonly string[]): string | null;
  /** The plugin directory (CNI_PATH); ours is built on first call. */
  dir(): string;
}

export const implementations: readonly PluginImplementation[] = [
  {
    label: 'our plugins',
    missing(types) {
      const absent = types.filter((type) => !pluginNames.includes(type));
      return absent.length === 0 ? null : `${absent.join(', ')} not registered yet`;
    },
    dir: pluginBinDir,
  },
  {
    label: "Debian's Go plugins (control)",
    missing(types) {
      const absent = types.filter((type) => !existsSync(join(GO_PLUGIN_DIR, type)));
      return absent.length === 0
        ? null
        : `no ${absent.join(', ')} in ${GO_PLUGIN_DIR} (Debian package containernetworking-plugins)`;
    },
    dir: () => GO_PLUGIN_DIR,
  },
];

/** A describe title that states why it is skipped. */
export function titled(label: string, reason: string | null): string {
  return reason === null ? label : `${label} (skipped: ${reason})`;
}
