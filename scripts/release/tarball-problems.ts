// What a packed tarball must and must not hold; returns the problems found, in words.
import type { PackedPackage } from './pack-packages.ts';

const NOT_SHIPPED = [
  /\.test\.ts$/,
  /(^|\/)fixtures(\/|\.ts$)/,
  /(^|\/)_test/,
  /(^|\/)_testing\.ts$/,
];

/** Everything wrong with one tarball; empty when it is fit to publish. */
export function tarballProblems(pkg: PackedPackage): string[] {
  const problems: string[] = [];
  const { files, manifest } = pkg;
  for (const required of ['package.json', 'README.md', 'LICENSE']) {
    if (!files.includes(required)) problems.push(`${pkg.packageName}: no ${required}`);
  }
  for (const file of files) {
    if (NOT_SHIPPED.some((pattern) => pattern.test(file))) {
      problems.push(`${pkg.packageName}: test file or fixture ${file}`);
    }
  }
  for (const [dep, range] of Object.entries(manifest.dependencies ?? {})) {
    if (range.startsWith('workspace:')) problems.push(`${pkg.packageName}: ${dep} is ${range}`);
  }
  if (manifest.license !== 'Apache-2.0')
    problems.push(`${pkg.packageName}: license ${manifest.license}`);
  for (const [entry, target] of Object.entries(manifest.exports ?? {})) {
    if (entry.includes('*')) continue;
    const conditions = typeof target === 'object' && target !== null ? target : {};
    if (!('types' in conditions)) problems.push(`${pkg.packageName}: export ${entry} has no types`);
    for (const path of Object.values(conditions)) {
      if (typeof path === 'string' && !files.includes(path.replace(/^\.\//, ''))) {
        problems.push(`${pkg.packageName}: export ${entry} names ${path}, not in the tarball`);
      }
    }
  }
  return problems;
}
