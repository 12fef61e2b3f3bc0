import { afterEach, beforeEach, describe, expect, test } from 'bun:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { filesIn, goCacheFile, goCases, replay, withNetns } from './_go-fixture.ts';

let cacheDir: string;

beforeEach(() => {
  cacheDir = mkdtempSync(join(tmpdir(), 'libcni-go-compat-'));
});

afterEach(() => {
  rmSync(cacheDir, { recursive: true, force: true });
});

describe('compatibility with Go libcni 1.1.2 (recorded)', () => {
  for (const goCase of goCases()) {
    describe(goCase.name, () => {
      test('sends every plugin the same stdin and CNI_* environment as Go', async () => {
        const ours = await replay(goCase, cacheDir);
        expect(ours.calls).toEqual(goCase.calls);
        expect(ours.error).toBe(goCase.error);
      });

      test('writes the cache file Go writes, byte for byte (plus the newer netns field)', async () => {
        const ours = await replay(goCase, cacheDir);
        expect(ours.cacheFile?.toString('utf8')).toBe(withNetns(goCacheFile(goCase), goCase));
        expect(ours.cachedResult).toBe(goCase.cachedResult);
      });

      test("reads Go's cache file: CHECK and DEL get the prevResult Go gave them", async () => {
        const ours = await replay(goCase, cacheDir, goCacheFile(goCase));
        const expected = goCase.calls.filter((call) => call.command !== 'ADD');
        expect(ours.calls).toEqual(expected);
        // A successful DEL removes the cache file (and leaves no lock or temp file).
        if (goCase.verbs.includes('DEL')) expect(filesIn(join(cacheDir, 'results'))).toEqual([]);
      });
    });
  }
});
