// The workspace packages that are published, in dependency order (a package comes after
// every @cni-ts package it depends on).
import { join } from 'node:path';

export const REPO_ROOT = join(import.meta.dir, '..', '..');

export const PUBLISHED_PACKAGES = [
  'spec-types',
  'libcni',
  'plugin-kit',
  'plugins',
  'cnitool',
] as const;

export type PublishedPackage = (typeof PUBLISHED_PACKAGES)[number];

/** The folder of a workspace package. */
export function packageDir(name: PublishedPackage): string {
  return join(REPO_ROOT, 'packages', name);
}
