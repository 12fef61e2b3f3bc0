import { afterEach, beforeEach, describe, expect, test } from 'bun:test';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FsError, isFsError } from './fs-error.ts';
import {
  linkFile,
  mkdirp,
  parentPath,
  readdir,
  readFileBytes,
  readTextFile,
  removeDir,
  removeFileForce,
  renameFile,
  unlinkFile,
  writeFile,
} from './fs-sync.ts';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cnits-fs-sync-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function fsErrorOf(fn: () => unknown): FsError {
  try {
    fn();
  } catch (error) {
    if (isFsError(error)) return error;
    throw error;
  }
  throw new Error('no error thrown');
}

describe('writeFile and readTextFile', () => {
  test('write the whole file with the mode, read it back', () => {
    const file = join(dir, 'a');
    writeFile(file, 'héllo', { mode: 0o600 });
    expect(readFileSync(file, 'utf8')).toBe('héllo');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readTextFile(file)).toBe('héllo');
    expect([...readFileBytes(file)]).toEqual([...Buffer.from('héllo')]);
  });

  test('truncate an existing file, which keeps its mode', () => {
    const file = join(dir, 'a');
    writeFileSync(file, 'a long first content', { mode: 0o640 });
    writeFile(file, 'short', { mode: 0o600 });
    expect(readFileSync(file, 'utf8')).toBe('short');
    expect(statSync(file).mode & 0o777).toBe(0o640);
  });

  test('exclusive refuses an existing file with EEXIST', () => {
    const file = join(dir, 'a');
    writeFile(file, 'x', { exclusive: true });
    const error = fsErrorOf(() => writeFile(file, 'y', { exclusive: true }));
    expect([error.code, error.syscall, error.path]).toEqual(['EEXIST', 'open', file]);
    expect(readFileSync(file, 'utf8')).toBe('x');
  });

  test('reads large files whole', () => {
    const file = join(dir, 'big');
    const text = 'x'.repeat(200_000);
    writeFile(file, text);
    expect(readTextFile(file)).toBe(text);
  });

  test('what one read returned stays as it was after the next reads', () => {
    const first = join(dir, 'first');
    const second = join(dir, 'second');
    writeFile(first, 'aaaa');
    writeFile(second, 'bbbbbbbb');
    const a = readFileBytes(first);
    const b = readFileBytes(second);
    writeFile(join(dir, 'big'), 'c'.repeat(100_000));
    const big = readFileBytes(join(dir, 'big'));
    expect(new TextDecoder().decode(a)).toBe('aaaa');
    expect(new TextDecoder().decode(b)).toBe('bbbbbbbb');
    expect(big.length).toBe(100_000);
    expect(a.buffer === b.buffer).toBe(false);
  });

  test('a missing file is ENOENT with a Node-like message', () => {
    const file = join(dir, 'missing');
    const error = fsErrorOf(() => readTextFile(file));
    expect([error.code, error.syscall, error.path]).toEqual(['ENOENT', 'open', file]);
    expect(error.message).toBe(`ENOENT: no such file or directory, open '${file}'`);
  });
});

describe('mkdirp', () => {
  test('makes the missing parents with the mode; an existing directory is fine', () => {
    const deep = join(dir, 'a', 'b', 'c');
    mkdirp(deep, 0o700);
    mkdirp(deep, 0o700);
    expect(statSync(deep).isDirectory()).toBe(true);
    expect(statSync(join(dir, 'a')).mode & 0o777).toBe(0o700);
  });

  test('an existing file is EEXIST; a file as parent is ENOTDIR', () => {
    const file = join(dir, 'f');
    writeFileSync(file, '');
    expect(fsErrorOf(() => mkdirp(file)).code).toBe('EEXIST');
    expect(fsErrorOf(() => mkdirp(join(file, 'sub'))).code).toBe('ENOTDIR');
  });
});

describe('readdir, rename, link, unlink, rmdir', () => {
  test('list names without . and ..', () => {
    writeFile(join(dir, 'x'), '');
    mkdirp(join(dir, 'y'));
    expect(readdir(dir).sort()).toEqual(['x', 'y']);
    expect(fsErrorOf(() => readdir(join(dir, 'nope'))).code).toBe('ENOENT');
    expect(fsErrorOf(() => readdir(join(dir, 'x'))).code).toBe('ENOTDIR');
  });

  test('rename replaces; link refuses an existing name with EEXIST', () => {
    writeFile(join(dir, 'a'), 'A');
    writeFile(join(dir, 'b'), 'B');
    const error = fsErrorOf(() => linkFile(join(dir, 'a'), join(dir, 'b')));
    expect([error.code, error.syscall, error.path, error.dest]).toEqual([
      'EEXIST',
      'link',
      join(dir, 'a'),
      join(dir, 'b'),
    ]);
    linkFile(join(dir, 'a'), join(dir, 'c'));
    expect(readTextFile(join(dir, 'c'))).toBe('A');
    renameFile(join(dir, 'a'), join(dir, 'b'));
    expect(readdir(dir).sort()).toEqual(['b', 'c']);
    expect(readTextFile(join(dir, 'b'))).toBe('A');
    expect(fsErrorOf(() => renameFile(join(dir, 'a'), join(dir, 'd'))).code).toBe('ENOENT');
  });

  test('unlink, removeFileForce, rmdir', () => {
    const file = join(dir, 'a');
    writeFile(file, '');
    unlinkFile(file);
    expect(fsErrorOf(() => unlinkFile(file)).code).toBe('ENOENT');
    removeFileForce(file);
    mkdirp(join(dir, 'd'));
    writeFile(join(dir, 'd', 'f'), '');
    expect(fsErrorOf(() => removeDir(join(dir, 'd'))).code).toBe('ENOTEMPTY');
    removeFileForce(join(dir, 'd', 'f'));
    removeDir(join(dir, 'd'));
    expect(readdir(dir)).toEqual([]);
  });
});

describe('parentPath', () => {
  test('gives what the regular expression gave, over every path of up to 5 of a / b', () => {
    const paths = [''];
    for (let length = 1; length <= 5; length++) {
      for (let n = 0; n < 3 ** length; n++) {
        let path = '';
        for (let k = 0, m = n; k < length; k++, m = Math.floor(m / 3))
          path += ['a', '/', 'b'][m % 3];
        paths.push(path);
      }
    }
    for (const path of paths) {
      expect([path, parentPath(path)]).toEqual([path, path.replace(/\/+[^/]*\/*$/, '')]);
    }
  });
});
