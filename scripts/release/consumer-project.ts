// A fresh project outside the workspace that installs the packed tarballs, as a user who
// `bun add`s them would: every @cni-ts package, also the ones the others depend on, comes
// from its tarball (dependencies + overrides); third-party ones from the npm registry.
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand } from '../../packages/plugin-kit/src/testing/index.ts';
import type { PackedPackage } from './pack-packages.ts';

const CONSUMER_SOURCES = join(import.meta.dir, 'consumer');

/** tsconfig of the Node consumer: Node's own module rules, every check on. */
const NODE_TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'nodenext',
    moduleResolution: 'nodenext',
    strict: true,
    lib: ['ES2023', 'DOM'],
    types: [],
    rootDir: '.',
    outDir: 'out',
    skipLibCheck: false,
  },
  files: ['node-consumer.ts'],
};

/** Writes the project into dir (made if missing) and runs `bun install` there. */
export function createConsumerProject(dir: string, packed: readonly PackedPackage[]): void {
  mkdirSync(dir, { recursive: true });
  const fromTarballs = Object.fromEntries(
    packed.map((pkg) => [pkg.packageName, `file:${pkg.tarball}`]),
  );
  const manifest = {
    name: 'cni-ts-consumer',
    private: true,
    type: 'module',
    dependencies: fromTarballs,
    overrides: fromTarballs,
  };
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(join(dir, 'tsconfig.json'), `${JSON.stringify(NODE_TSCONFIG, null, 2)}\n`);
  for (const file of readdirSync(CONSUMER_SOURCES)) {
    copyFileSync(join(CONSUMER_SOURCES, file), join(dir, file));
  }
  runCommand([process.execPath, 'install'], { cwd: dir });
}
