import { afterAll, describe, expect, test } from 'bun:test';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertNetnsName, listNamedNetns, NETNS_RUN_DIR } from './named-netns.ts';
import { isNetnsError } from './netns-error.ts';

const dir = mkdtempSync(join(tmpdir(), 'cnits-named-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('assertNetnsName', () => {
  test('accepts plain file names', () => {
    for (const name of ['a', 'cnits-1234', 'ns.with.dots', 'x'.repeat(255)]) {
      expect(() => assertNetnsName(name)).not.toThrow();
    }
  });

  test('refuses names that are not one file in the run directory', () => {
    for (const name of ['', '.', '..', 'a/b', '../etc', 'x'.repeat(256), 'nul\0byte']) {
      let caught: unknown;
      try {
        assertNetnsName(name);
      } catch (error) {
        caught = error;
      }
      expect(isNetnsError(caught) && caught.reason === 'invalid-name').toBe(true);
    }
  });

  test('names the path it would have used', () => {
    try {
      assertNetnsName('a/b', '/tmp/x');
    } catch (error) {
      expect(isNetnsError(error) && error.path).toBe('/tmp/x/a/b');
    }
  });
});

describe('listNamedNetns', () => {
  test('lists the files of the run directory, sorted, without subdirectories', () => {
    const runDir = join(dir, 'run');
    mkdirSync(join(runDir, 'subdir'), { recursive: true });
    for (const name of ['b-ns', 'a-ns', 'c-ns']) writeFileSync(join(runDir, name), '');
    expect(listNamedNetns({ runDir })).toEqual(['a-ns', 'b-ns', 'c-ns']);
  });

  test('is empty when the run directory does not exist', () => {
    expect(listNamedNetns({ runDir: join(dir, 'absent') })).toEqual([]);
  });

  test('defaults to /run/netns', () => {
    expect(NETNS_RUN_DIR).toBe('/run/netns');
  });
});
