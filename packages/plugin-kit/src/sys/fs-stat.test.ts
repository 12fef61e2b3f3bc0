import { afterEach, beforeEach, describe, expect, test } from 'bun:test';
import {
  mkdtempSync,
  realpathSync,
  rmSync,
  statfsSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isFsError } from './fs-error.ts';
import {
  checkAccess,
  fileSystemType,
  pathExists,
  R_OK,
  realPath,
  statFile,
  statPath,
} from './fs-stat.ts';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cnits-fs-stat-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('statFile', () => {
  test('agrees with node:fs on dev, ino, size, mode and type', () => {
    const file = join(dir, 'f');
    writeFileSync(file, 'hello', { mode: 0o640 });
    for (const path of [file, dir, '/proc/self/ns/net']) {
      const ours = statFile(path);
      const node = statSync(path, { bigint: true });
      expect([ours.dev, ours.ino, ours.mode]).toEqual([node.dev, node.ino, Number(node.mode)]);
      expect([ours.isFile, ours.isDirectory]).toEqual([node.isFile(), node.isDirectory()]);
    }
    expect(statFile(file).size).toBe(5n);
  });

  test('follows symbolic links; a missing path is ENOENT, statPath undefined', () => {
    writeFileSync(join(dir, 'f'), '');
    symlinkSync(join(dir, 'f'), join(dir, 'l'));
    expect(statFile(join(dir, 'l')).isFile).toBe(true);
    let caught: unknown;
    try {
      statFile(join(dir, 'missing'));
    } catch (error) {
      caught = error;
    }
    expect(isFsError(caught) && [caught.code, caught.syscall]).toEqual(['ENOENT', 'stat']);
    expect(statPath(join(dir, 'missing'))).toBeUndefined();
    expect(statPath(join(dir, 'f', 'sub'))).toBeUndefined();
    expect([pathExists(join(dir, 'l')), pathExists(join(dir, 'missing'))]).toEqual([true, false]);
  });
});

describe('fileSystemType, realPath, checkAccess', () => {
  test('agree with node:fs', () => {
    for (const path of ['/proc/self/ns/net', '/proc', dir]) {
      expect(fileSystemType(path)).toBe(Number(statfsSync(path).type));
    }
    symlinkSync(dir, join(dir, 'self'));
    expect(realPath(join(dir, 'self'))).toBe(realpathSync(dir));
    expect(realPath('/proc/self/exe')).toBe(realpathSync('/proc/self/exe'));
  });

  test('fail with Node-like errors', () => {
    const missing = join(dir, 'missing');
    for (const fn of [
      () => fileSystemType(missing),
      () => realPath(missing),
      () => checkAccess(missing, R_OK),
    ]) {
      let caught: unknown;
      try {
        fn();
      } catch (error) {
        caught = error;
      }
      expect(isFsError(caught) && caught.code).toBe('ENOENT');
    }
    checkAccess(dir, R_OK);
  });
});
