// Installs a project's dependencies with every @cni-ts package taken from the packed
// tarballs, as if they came from the registry: the project's own package.json names the
// published versions; its @cni-ts entries and overrides (for the dependencies between
// them) are pointed at the tarballs, the rest comes from the npm registry.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand } from '../../packages/plugin-kit/src/testing/index.ts';
import type { PackedPackage } from './pack-packages.ts';

interface Manifest {
  dependencies?: Record<string, string>;
  overrides?: Record<string, string>;
  [key: string]: unknown;
}

/** Rewrites dir/package.json to use the tarballs and runs `bun install` in dir. */
export function installFromTarballs(dir: string, packed: readonly PackedPackage[]): void {
  const path = join(dir, 'package.json');
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
  const fromTarballs = Object.fromEntries(
    packed.map((pkg) => [pkg.packageName, `file:${pkg.tarball}`]),
  );
  const dependencies = { ...manifest.dependencies };
  for (const name of Object.keys(dependencies)) {
    const tarball = fromTarballs[name];
    if (tarball !== undefined) dependencies[name] = tarball;
  }
  manifest.dependencies = dependencies;
  manifest.overrides = { ...manifest.overrides, ...fromTarballs };
  writeFileSync(path, `${JSON.stringify(manifest, null, 2)}\n`);
  runCommand([process.execPath, 'install'], { cwd: dir });
}
