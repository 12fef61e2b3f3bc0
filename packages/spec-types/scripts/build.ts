#!/usr/bin/env bun
// Builds what Node and bundlers other than Bun run: dist/index.js (one ESM file, valibot
// left external) and dist/types/**/*.d.ts (declarations whose relative imports name the
// .js files Node resolves). `bun scripts/build.ts`; run by `prepack` too.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const PACKAGE_DIR = join(import.meta.dir, '..');
const DIST = join(PACKAGE_DIR, 'dist');
const TSC = join(PACKAGE_DIR, '..', '..', 'node_modules', '.bin', 'tsc');

/** Runs a command in the package folder; throws with its output when it fails. */
function run(cmd: string[]): void {
  const out = Bun.spawnSync(cmd, { cwd: PACKAGE_DIR, stdout: 'pipe', stderr: 'pipe' });
  if (out.exitCode !== 0) {
    throw new Error(`${cmd.join(' ')} failed (${out.exitCode}): ${out.stdout}${out.stderr}`);
  }
}

/** `from './x.ts'` -> `from './x.js'` in every declaration file under dir. */
function rewriteDeclarationImports(dir: string): number {
  let files = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.d.ts')) continue;
    const path = join(entry.parentPath, entry.name);
    const text = readFileSync(path, 'utf8');
    writeFileSync(
      path,
      text.replace(/(from\s+|import\()(['"])(\.{1,2}\/[^'"]*)\.ts\2/g, '$1$2$3.js$2'),
    );
    files += 1;
  }
  return files;
}

rmSync(DIST, { recursive: true, force: true });
run([
  process.execPath,
  'build',
  'src/index.ts',
  '--outdir',
  'dist',
  '--target',
  'node',
  '--format',
  'esm',
  '--packages',
  'external',
]);
run([TSC, '-p', 'tsconfig.build.json']);
const declarations = rewriteDeclarationImports(join(DIST, 'types'));
process.stdout.write(`spec-types: dist/index.js and ${declarations} declaration files\n`);
