import { CniConfig } from '@cni-ts/libcni';
import type { CliIo } from './io.ts';
import type { ToolSettings } from './settings.ts';

const decoder = new TextDecoder();

/**
 * The libcni client the commands use: plugins from CNI_PATH, the chosen cache directory,
 * the tool's environment passed on to plugins (as upstream does with the process
 * environment), and plugin stderr and libcni warnings written to the tool's stderr.
 */
export function cniConfigFor(settings: ToolSettings, io: CliIo): CniConfig {
  return new CniConfig({
    path: settings.cniPath,
    cacheDir: settings.cacheDir,
    env: io.env,
    stderr: { write: (chunk: Uint8Array) => io.stderr(decoder.decode(chunk)) },
    onWarning: (message) => io.stderr(`cnitool: warning: ${message}\n`),
  });
}
