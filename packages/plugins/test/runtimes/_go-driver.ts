// Go libcni as the runtime: go-driver/main.go (a small program of ours over Debian's Go
// libcni 1.1.2 sources) is built offline in GOPATH mode, once per source state, then runs
// one verb of a network list per call, inside a world's host namespace.
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { netnsSkipReason, runCommand } from '@cni-ts/plugin-kit/testing';
import * as v from 'valibot';
import { pruneOldBuilds } from '../_binary.ts';
import type { PluginWorld } from '../_world.ts';
import { ResultShape } from './_shapes.ts';

/** Where Debian's golang-github-appc-cni-dev puts libcni (GOPATH layout). */
export const GO_SHARED_GOPATH = '/usr/share/gocode';
const LIBCNI_SOURCE = join(GO_SHARED_GOPATH, 'src/github.com/containernetworking/cni/libcni');
const DRIVER_SOURCE = join(import.meta.dir, 'go-driver', 'main.go');

function commandExists(name: string): boolean {
  return Bun.spawnSync(['sh', '-c', `command -v ${name}`], { stdout: 'pipe' }).exitCode === 0;
}

/** Why the Go libcni tests cannot run here, or null when they can. */
export function goDriverSkipReason(): string | null {
  const netns = netnsSkipReason();
  if (netns !== null) return netns;
  if (!commandExists('go')) return 'needs the go command (Debian package golang-go)';
  if (!existsSync(LIBCNI_SOURCE)) {
    return `needs Go libcni under ${GO_SHARED_GOPATH} (Debian package golang-github-appc-cni-dev)`;
  }
  return null;
}

export interface GoDriver {
  /** The compiled driver. */
  readonly path: string;
}

/** Where built drivers are kept, one directory per build key. */
const CACHE_DIR = join(import.meta.dir, '..', '..', 'dist', 'go-driver-cache');

/** What the build depends on: the driver's source and the Go toolchain. */
function buildKey(): string {
  const hasher = new Bun.CryptoHasher('sha256');
  hasher.update(readFileSync(DRIVER_SOURCE));
  hasher.update(runCommand(['go', 'version']).stdout);
  return hasher.digest('hex').slice(0, 16);
}

/**
 * Builds the Go main package in `pkg` to `outfile`, offline in GOPATH mode against
 * Debian's libcni sources, with every file go writes under `workDir` (its cache and work
 * directory: nothing is left in /tmp if go is killed).
 */
export function goBuildOffline(pkg: string, outfile: string, workDir: string): void {
  runCommand(['go', 'build', '-o', outfile, '.'], {
    cwd: pkg,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: workDir,
      GO111MODULE: 'off',
      GOPATH: `${join(workDir, 'gopath')}:${GO_SHARED_GOPATH}`,
      GOCACHE: join(workDir, 'cache'),
      GOTMPDIR: workDir,
      GOPROXY: 'off',
      GOFLAGS: '',
      CGO_ENABLED: '0',
    },
  });
}

function compile(path: string): void {
  const dir = mkdtempSync(join(tmpdir(), 'cnits-godriver-'));
  try {
    const pkg = join(dir, 'gopath', 'src', 'cnits-libcni-driver');
    mkdirSync(pkg, { recursive: true });
    copyFileSync(DRIVER_SOURCE, join(pkg, 'main.go'));
    goBuildOffline(pkg, path, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

let cached: GoDriver | undefined;

/**
 * The driver, built once per source and Go version (about a second with Go 1.19's
 * precompiled standard library) and kept under dist/go-driver-cache, so that a test run
 * builds it at most once (scripts/test builds it before the tests start). Safe when
 * several processes build at once: each builds to a temporary name and renames.
 */
export function goDriver(): GoDriver {
  if (cached !== undefined) return cached;
  const dir = join(CACHE_DIR, buildKey());
  const path = join(dir, 'driver');
  if (!existsSync(path)) {
    mkdirSync(dir, { recursive: true });
    const temporary = `${path}.tmp-${process.pid}`;
    try {
      compile(temporary);
      renameSync(temporary, path);
    } finally {
      rmSync(temporary, { force: true });
    }
    pruneOldBuilds(CACHE_DIR, dir);
  }
  cached = { path };
  return cached;
}

const CniErrorShape = v.object({
  code: v.number(),
  msg: v.string(),
  details: v.optional(v.string()),
});

const DriverOutputShape = v.object({
  resultVersion: v.optional(v.string()),
  result: v.optional(ResultShape),
  current: v.optional(ResultShape),
  capabilities: v.optional(v.array(v.string())),
  versions: v.optional(v.record(v.string(), v.array(v.string()))),
  cacheFile: v.optional(v.string()),
  error: v.optional(CniErrorShape),
  message: v.optional(v.string()),
});

/** What the driver printed: see go-driver/main.go. */
export type DriverOutput = v.InferOutput<typeof DriverOutputShape>;

export type DriverVerb = 'add' | 'check' | 'del' | 'cached' | 'validate';

export interface DriverRunOptions {
  readonly driver: GoDriver;
  readonly world: PluginWorld;
  readonly verb: DriverVerb;
  /** The network list (written to a file in the world's directory). */
  readonly conflist: { readonly name: string; readonly [key: string]: unknown };
  /** CNI_PATH for libcni's plugin lookup. */
  readonly pluginDir: string;
  /** libcni's cache directory; defaults to <world dir>/cni-cache. */
  readonly cacheDir?: string;
  readonly containerId?: string;
  /** Defaults to the world's first container. */
  readonly netns?: string;
  readonly ifName?: string;
}

export interface DriverRun {
  readonly exitCode: number;
  readonly stderr: string;
  readonly output: DriverOutput;
}

/** Runs one verb through Go libcni inside the world's host namespace. */
export function runGoDriver(options: DriverRunOptions): DriverRun {
  const { world } = options;
  const conflist = join(world.dir, `${options.conflist.name}.conflist`);
  writeFileSync(conflist, JSON.stringify(options.conflist));
  const argv = [
    'ip',
    'netns',
    'exec',
    world.host.name,
    options.driver.path,
    options.verb,
    conflist,
    options.cacheDir ?? join(world.dir, 'cni-cache'),
    options.containerId ?? 'cid-golibcni',
    options.netns ?? world.containers[0]?.path ?? '',
    options.ifName ?? 'eth0',
  ];
  const done = Bun.spawnSync(argv, {
    env: { PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin', CNI_PATH: options.pluginDir },
    stdout: 'pipe',
    stderr: 'pipe',
  });
  const stdout = done.stdout.toString();
  const stderr = done.stderr.toString();
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdout);
  } catch {
    throw new Error(
      `driver ${options.verb} printed no JSON (exit ${done.exitCode}): ${stdout}${stderr}`,
    );
  }
  return { exitCode: done.exitCode ?? -1, stderr, output: v.parse(DriverOutputShape, parsed) };
}
