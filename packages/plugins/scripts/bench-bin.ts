// The plugin executable a benchmark measures: the multicall binary built into a temporary
// directory, with one link per plugin name (what `scripts/install` puts in /opt/cni/bin).
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pluginNames } from '../src/registry.ts';
import { GO_PLUGIN_DIR } from '../test/_world.ts';
import { dropFromPageCache, executablesIn } from './bench-page-cache.ts';
import { buildPlugins } from './build-plugins.ts';

const MULTICALL = 'cni-ts-plugins';

/** Builds the multicall binary into a new temporary directory; the caller removes it. */
export function buildTemporaryBinDir(log: (text: string) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'cnits-bench-bin-'));
  try {
    const started = performance.now();
    buildPlugins({ outfile: join(dir, MULTICALL) });
    for (const name of pluginNames) symlinkSync(MULTICALL, join(dir, name));
    log(`built ${join(dir, MULTICALL)} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    // Ours was just written, the Go plugins were read from disk: start both alike.
    const failed = dropFromPageCache([join(dir, MULTICALL), ...executablesIn(GO_PLUGIN_DIR)]);
    if (failed.length > 0) log(`could not drop from the page cache: ${failed.join(', ')}`);
    return dir;
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
