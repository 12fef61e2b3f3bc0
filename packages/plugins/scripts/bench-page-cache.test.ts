import { afterAll, describe, expect, test } from 'bun:test';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dropFromPageCache, executablesIn } from './bench-page-cache.ts';

const dir = mkdtempSync(join(tmpdir(), 'cnits-page-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('dropFromPageCache', () => {
  test('drops a file it can read, names one it cannot, and changes no content', () => {
    const file = join(dir, 'exe');
    writeFileSync(file, 'bytes');
    expect(dropFromPageCache([file, join(dir, 'missing')])).toEqual([join(dir, 'missing')]);
    expect(Bun.file(file).size).toBe(5);
  });

  test('executablesIn lists the regular files of a directory, not its links', () => {
    const sub = mkdtempSync(join(dir, 'bin-'));
    writeFileSync(join(sub, 'multicall'), '');
    symlinkSync('multicall', join(sub, 'bridge'));
    expect(executablesIn(sub)).toEqual([join(sub, 'multicall')]);
  });
});
