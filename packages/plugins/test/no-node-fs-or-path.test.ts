// A plugin exec on the hot paths loads no node:fs, which costs every exec about a
// millisecond and 4-5 MiB of peak RSS (issue 22): plugin-kit's files go through libc
// (sys/fs-sync.ts). Nor node:path (about 0.3 ms): paths are joined by sys/posix-path.ts. Checked on the bundle the executable is built from (ESM, one chunk per
// dynamic import, as build-plugins.ts compiles it; the sources are not tree-shaken): the
// chunks a plugin's ADD evaluates must not import node:fs or node:path statically. A lazy
// `import('node:fs/promises')` or `require('node:fs')` inside a function (a cold path)
// is allowed.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const MAIN = join(import.meta.dir, '..', 'src', 'main.ts');
const RECORDER = join(import.meta.dir, 'fixtures', 'record-chunk-loads.ts');
/** A static import of node:fs as Bun's bundler writes it (`from "fs"`, `import "fs"`). */
const STATIC_FS_IMPORT = /(?:\bfrom|\bimport)\s*"(?:node:)?fs(?:\/promises)?"/;
/** The same for node:path. */
const STATIC_PATH_IMPORT = /(?:\bfrom|\bimport)\s*"(?:node:)?path(?:\/posix)?"/;

let dir = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cnits-no-node-fs-'));
  const built = Bun.spawnSync(
    [
      process.execPath,
      'build',
      '--splitting',
      '--format=esm',
      '--target=bun',
      MAIN,
      '--outdir',
      dir,
    ],
    { stdout: 'pipe', stderr: 'pipe' },
  );
  expect(built.exitCode).toBe(0);
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A chunk's imports of other chunks: static (`from "./x.js"`, `import "./x.js"`) and dynamic. */
const CHUNK_IMPORT = /(?:\bfrom|\bimport)\s*\(?\s*"\.\/([^"]+\.js)"/g;
/** The dynamic import of an ADD handler's chunk in a plugin body's chunk. */
const ADD_CHUNK = /\bimport\s*\(\s*"\.\/(add-[^"]+\.js)"\s*\)/g;

/**
 * `loaded` with the ADD handler's chunk that a loaded body imports dynamically, and every
 * chunk that one imports, statically or dynamically, transitively: all an ADD can evaluate.
 */
function withAddHandler(loaded: readonly string[]): string[] {
  const seen = new Set(loaded);
  const queue: string[] = [];
  for (const file of loaded) {
    for (const match of readFileSync(file, 'utf8').matchAll(ADD_CHUNK)) {
      queue.push(join(dir, match[1] ?? ''));
    }
  }
  while (queue.length > 0) {
    const file = queue.pop() ?? '';
    if (seen.has(file)) continue;
    seen.add(file);
    for (const match of readFileSync(file, 'utf8').matchAll(CHUNK_IMPORT)) {
      queue.push(join(dir, match[1] ?? ''));
    }
  }
  return [...seen];
}

/** The chunks an ADD of `type` loads, and those that import node:fs or node:path statically. */
function nodeChunksOfAdd(type: string): {
  loaded: string[];
  withFs: string[];
  withPath: string[];
  stdout: string;
} {
  // An unsupported version: the body (schema, handlers and all they import) loads, then
  // the skel refuses the config before touching anything.
  const config = JSON.stringify({ cniVersion: '9.9.9', name: 'nofs', type });
  const run = Bun.spawnSync([process.execPath, '--preload', RECORDER, join(dir, 'main.js'), type], {
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      RECORD_CHUNK_DIR: dir,
      CNI_COMMAND: 'ADD',
      CNI_CONTAINERID: 'nofs-1',
      CNI_NETNS: '/nonexistent',
      CNI_IFNAME: 'eth0',
      CNI_PATH: '/nonexistent',
    },
    stdin: new TextEncoder().encode(config),
    stdout: 'pipe',
    stderr: 'pipe',
  });
  const loaded = run.stderr
    .toString()
    .split('\n')
    .filter((line) => line.startsWith('LOAD '))
    .map((line) => line.slice('LOAD '.length));
  // The body loads the ADD handler's chunk only when ADD runs (the refused config above
  // stops before): add it, with every chunk it imports, statically or dynamically.
  const chunks = withAddHandler(loaded);
  const withFs = chunks.filter((file) => STATIC_FS_IMPORT.test(readFileSync(file, 'utf8')));
  const withPath = chunks.filter((file) => STATIC_PATH_IMPORT.test(readFileSync(file, 'utf8')));
  return { loaded: chunks, withFs, withPath, stdout: run.stdout.toString() };
}

describe('a plugin ADD loads no node:fs and no node:path', () => {
  for (const type of ['loopback', 'bridge', 'host-local', 'tuning', 'portmap', 'firewall']) {
    test(type, () => {
      const run = nodeChunksOfAdd(type);
      expect(run.stdout).toContain('"code": 1');
      expect(run.loaded.length).toBeGreaterThan(1);
      expect(run.loaded.some((file) => /\/add-[^/]+\.js$/.test(file))).toBe(true);
      expect(run.withFs).toEqual([]);
      expect(run.withPath).toEqual([]);
    });
  }

  test('the check sees a static node:fs import (host-device still has one)', () => {
    expect(nodeChunksOfAdd('host-device').withFs.length).toBeGreaterThan(0);
  });

  test('the node:path pattern matches what the bundler writes', () => {
    expect(STATIC_PATH_IMPORT.test('import { posix } from "path";')).toBe(true);
    expect(STATIC_PATH_IMPORT.test('import { join } from "node:path";')).toBe(true);
    expect(STATIC_PATH_IMPORT.test('import { x } from "./path.js";')).toBe(false);
  });
});
