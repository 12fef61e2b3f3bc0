// The compiled multicall executable for tests: built once per source state (a hash of every
// source file it bundles) into dist/test-cache/<hash>/, with one link per plugin name, so
// that CNI_PATH=<that dir> behaves as an installed plugin directory. Safe when several test
// processes build at once: each builds to a temporary name and renames.
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import { buildPlugins, PACKAGE_DIR } from '../scripts/build-plugins.ts';
import { pluginNames } from '../src/registry.ts';

const PACKAGES = join(PACKAGE_DIR, '..');
const BUNDLED = ['spec-types', 'libcni', 'plugin-kit', 'plugins'];

function sourceFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...sourceFiles(path));
    else if (entry.name.endsWith('.ts') && !entry.name.includes('.test.')) files.push(path);
  }
  return files;
}

function sourceHash(): string {
  const hasher = new Bun.CryptoHasher('sha256');
  for (const pkg of BUNDLED) {
    for (const file of sourceFiles(join(PACKAGES, pkg, 'src')).sort()) {
      hasher.update(relative(PACKAGES, file));
      hasher.update(readFileSync(file));
    }
  }
  return hasher.digest('hex').slice(0, 16);
}

/**
 * Removes the entries of a build cache other than `keep` that are older than ten minutes
 * (a plugin build is about 110 MB).
 */
export function pruneOldBuilds(cacheDir: string, keep: string): void {
  const cutoff = Date.now() - 10 * 60 * 1000;
  for (const entry of readdirSync(cacheDir)) {
    const path = join(cacheDir, entry);
    if (path === keep) continue;
    try {
      if (statSync(path).mtimeMs < cutoff) rmSync(path, { recursive: true, force: true });
    } catch {
      // Another process pruned it first.
    }
  }
}

let cached: string | undefined;

/** The name of the multicall file inside {@link pluginBinDir}. */
export const MULTICALL_NAME = 'cni-ts-plugins';

/**
 * A directory holding the compiled executable and a symlink to it for every plugin name,
 * built from the current sources if not built yet.
 */
export function pluginBinDir(): string {
  if (cached !== undefined) return cached;
  const dir = join(PACKAGE_DIR, 'dist', 'test-cache', sourceHash());
  const binary = join(dir, MULTICALL_NAME);
  if (!existsSync(binary)) {
    mkdirSync(dir, { recursive: true });
    buildPlugins({ outfile: binary });
    pruneOldBuilds(join(dir, '..'), dir);
  }
  for (const name of pluginNames) {
    const link = join(dir, name);
    if (!existsSync(link)) {
      try {
        symlinkSync(MULTICALL_NAME, link);
      } catch (error) {
        if (!existsSync(link)) throw error;
      }
    }
  }
  cached = dir;
  return dir;
}
