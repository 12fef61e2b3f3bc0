import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The package folder. */
export const PACKAGE_DIR = join(import.meta.dir, '..');

/** Where `bun scripts/build.ts` puts the executable by default. */
export const DEFAULT_OUTFILE = join(PACKAGE_DIR, 'dist', 'cni-ts-plugins');

/**
 * How every executable of this package is compiled (see {@link buildPlugins}); the
 * benchmark's hello-world floor is built the same way. `--compile-jit-policy=100` makes
 * JavaScriptCore 100 times more reluctant to tier code up to its JITs: a plugin exec is a
 * burst of run-once code, so the JITs' compilers and code were mostly pages of memory
 * touched for nothing. It lowers a bridge ADD's or DEL's peak RSS by about 4 MiB, with no
 * slower start-up (issue 22; measured with Bun 1.4.5, where 30, 300 or 1000 saved less).
 */
export const COMPILE_FLAGS: readonly string[] = [
  '--compile',
  '--minify',
  '--splitting',
  '--format=esm',
  '--bytecode',
  '--no-compile-autoload-dotenv',
  '--no-compile-autoload-bunfig',
  '--compile-jit-policy=100',
];

export interface BuildOptions {
  readonly outfile?: string;
}

/**
 * Compiles src/main.ts into one standalone executable (minified, with bytecode so it
 * starts fast). ESM with code splitting: each plugin's modules, and each shared part, is a
 * chunk of its own inside the executable, evaluated on the first dynamic import that needs
 * it, so a VERSION or one plugin's run evaluates nothing else. (A CommonJS bundle would
 * evaluate every module of a package whose index a lazy module imports.) It never reads a
 * `.env` or `bunfig.toml` from the working directory: a runtime's stray `.env` would set
 * CNI_* variables, a `bunfig.toml` could preload code into a root process. The file
 * appears atomically: it is built beside the target and renamed. Returns the path; throws
 * with bun's output when the build fails.
 */
export function buildPlugins(options: BuildOptions = {}): string {
  const outfile = options.outfile ?? DEFAULT_OUTFILE;
  mkdirSync(dirname(outfile), { recursive: true });
  const temporary = `${outfile}.tmp-${process.pid}`;
  const built = Bun.spawnSync(
    [
      process.execPath,
      'build',
      ...COMPILE_FLAGS,
      join(PACKAGE_DIR, 'src', 'main.ts'),
      '--outfile',
      temporary,
    ],
    { stdout: 'pipe', stderr: 'pipe' },
  );
  if (built.exitCode !== 0) {
    rmSync(temporary, { force: true });
    const how =
      built.signalCode === undefined
        ? `exit status ${built.exitCode}`
        : `killed by ${built.signalCode}`;
    throw new Error(
      `bun build failed (${how}):\n${built.stdout.toString()}${built.stderr.toString()}`,
    );
  }
  renameSync(temporary, outfile);
  return outfile;
}
