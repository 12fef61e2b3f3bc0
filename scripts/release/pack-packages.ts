// Packs every published package with `bun pm pack` (which runs spec-types' prepack build
// and writes real versions for `workspace:*`) and reads back what each tarball holds.
import { statSync } from 'node:fs';
import { runCommand } from '../../packages/plugin-kit/src/testing/index.ts';
import { PUBLISHED_PACKAGES, type PublishedPackage, packageDir } from './packages.ts';

export interface PackedPackage {
  readonly name: PublishedPackage;
  /** `@cni-ts/<name>` */
  readonly packageName: string;
  readonly tarball: string;
  readonly bytes: number;
  /** Paths inside the tarball, without the leading `package/`. */
  readonly files: readonly string[];
  /** The package.json as packed. */
  readonly manifest: PackedManifest;
}

export interface PackedManifest {
  readonly name: string;
  readonly version: string;
  readonly license?: string;
  readonly exports?: Record<string, unknown>;
  readonly dependencies?: Record<string, string>;
  readonly bin?: Record<string, string>;
}

/** Packs one package into dest and lists its tarball. */
export function packPackage(name: PublishedPackage, dest: string): PackedPackage {
  const out = runCommand([process.execPath, 'pm', 'pack', '--destination', dest, '--quiet'], {
    cwd: packageDir(name),
  });
  const tarball = out.stdout.trim().split('\n').at(-1)?.trim() ?? '';
  if (!tarball.endsWith('.tgz')) throw new Error(`bun pm pack named no tarball: ${out.stdout}`);
  const files = runCommand(['tar', '-tzf', tarball])
    .stdout.split('\n')
    .filter((line) => line !== '' && !line.endsWith('/'))
    .map((line) => line.replace(/^package\//, ''))
    .sort();
  const manifestText = runCommand(['tar', '-xzOf', tarball, 'package/package.json']).stdout;
  const manifest = JSON.parse(manifestText) as PackedManifest;
  return {
    name,
    packageName: `@cni-ts/${name}`,
    tarball,
    bytes: statSync(tarball).size,
    files,
    manifest,
  };
}

/** Packs every published package into dest, in dependency order. */
export function packPackages(dest: string): PackedPackage[] {
  return PUBLISHED_PACKAGES.map((name) => packPackage(name, dest));
}
