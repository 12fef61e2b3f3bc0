import { afterEach, beforeEach, describe, expect, test } from 'bun:test';
import {
  mkdtempSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DefaultExec } from './default-exec.ts';
import { fileIdentity } from './file-identity.ts';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'libcni-identity-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('fileIdentity', () => {
  test('is stable while the file is untouched, and DefaultExec uses it', async () => {
    const path = join(dir, 'bridge');
    writeFileSync(path, '#!/bin/sh\n');
    const first = await fileIdentity(path);
    expect(await fileIdentity(path)).toBe(first);
    expect(await new DefaultExec().fileIdentity(path)).toBe(first);
  });

  test('changes when a new binary is renamed into place (a new inode)', async () => {
    const path = join(dir, 'bridge');
    writeFileSync(path, 'old');
    const before = await fileIdentity(path);
    writeFileSync(join(dir, '.bridge.new'), 'new');
    renameSync(join(dir, '.bridge.new'), path);
    expect(await fileIdentity(path)).not.toBe(before);
  });

  test('changes when the file is rewritten in place with the same size', async () => {
    const path = join(dir, 'bridge');
    writeFileSync(path, 'aaaa');
    utimesSync(path, 1_000, 1_000); // an old mtime, so the rewrite surely moves it
    const before = await fileIdentity(path);
    const inode = statSync(path).ino;
    writeFileSync(path, 'bbbb');
    expect(statSync(path).ino).toBe(inode);
    expect(await fileIdentity(path)).not.toBe(before);
  });

  test('follows symbolic links to the file they name', async () => {
    writeFileSync(join(dir, 'multicall'), 'x');
    symlinkSync('multicall', join(dir, 'bridge'));
    expect(await fileIdentity(join(dir, 'bridge'))).toBe(
      await fileIdentity(join(dir, 'multicall')),
    );
  });

  test('rejects for a missing file', async () => {
    await expect(fileIdentity(join(dir, 'missing'))).rejects.toThrow();
  });
});
