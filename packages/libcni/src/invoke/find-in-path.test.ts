import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isPluginNotFound, PluginLookupError } from '../errors/plugin-lookup-error.ts';
import { findInPath, splitPath } from './find-in-path.ts';

let root: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'libcni-find-'));
  for (const dir of ['a', 'b']) mkdirSync(join(root, dir));
  writeFileSync(join(root, 'b', 'bridge'), '');
  writeFileSync(join(root, 'a', 'not-exec'), '');
  mkdirSync(join(root, 'a', 'bridge'));
  symlinkSync(join(root, 'b', 'bridge'), join(root, 'a', 'linked'));
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('findInPath', () => {
  test('returns the first regular file, skipping directories, following symlinks', async () => {
    const paths = [join(root, 'a'), join(root, 'b')];
    expect(await findInPath('bridge', paths)).toBe(join(root, 'b', 'bridge'));
    expect(await findInPath('linked', paths)).toBe(join(root, 'a', 'linked'));
    expect(await findInPath('not-exec', paths)).toBe(join(root, 'a', 'not-exec'));
  });

  test("fails with upstream's texts", async () => {
    const paths = [join(root, 'a'), '/nonexistent'];
    await expect(findInPath('', paths)).rejects.toThrow('no plugin name provided');
    await expect(findInPath('../bridge', paths)).rejects.toThrow('invalid plugin name: ../bridge');
    await expect(findInPath('bridge', [])).rejects.toThrow('no paths provided');
    const missing = await findInPath('macvlan', paths).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(PluginLookupError);
    expect(String(missing)).toContain(
      `failed to find plugin "macvlan" in path [${root}/a /nonexistent]`,
    );
    expect(isPluginNotFound(missing)).toBe(true);
  });
});

describe('splitPath', () => {
  test('splits CNI_PATH on ":"; empty means no directory', () => {
    expect(splitPath('/a:/b')).toEqual(['/a', '/b']);
    expect(splitPath('')).toEqual([]);
    expect(splitPath(undefined)).toEqual([]);
  });
});
