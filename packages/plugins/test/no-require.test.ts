// No require() on a plugin's path: in a compiled executable the first require() of a
// module costs about 0.29 ms, a dynamic import() about 0.04 ms (issue 22). Optional code
// is loaded with import() at an async boundary (bridge's and ptp's masquerade-loader.ts).
// The two allowed calls load node:fs only where libc cannot be used.
import { describe, expect, test } from 'bun:test';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const PACKAGES = join(import.meta.dir, '..', '..');
const ALLOWED = new Set(['plugin-kit/src/sys/libc.ts', 'plugin-kit/src/skel/run-main.ts']);
/** A call of require (not a word that ends in it, not a comment's mention in backticks). */
const REQUIRE_CALL = /(?<![\w.`])require\(/;

function sources(): string[] {
  const files: string[] = [];
  for (const pkg of ['plugin-kit', 'plugins', 'spec-types']) {
    const glob = new Bun.Glob('src/**/*.ts');
    for (const file of glob.scanSync(join(PACKAGES, pkg))) {
      if (file.endsWith('.test.ts') || file.includes('/fixtures/') || file.includes('/_test')) {
        continue;
      }
      files.push(join(PACKAGES, pkg, file));
    }
  }
  return files;
}

describe('no require() in the packages a plugin runs', () => {
  test('only the allowed fallbacks call require', () => {
    const calling = sources()
      .filter((file) =>
        readFileSync(file, 'utf8')
          .split('\n')
          .some(
            (line) =>
              !line.trimStart().startsWith('//') &&
              !line.trimStart().startsWith('*') &&
              REQUIRE_CALL.test(line),
          ),
      )
      .map((file) => relative(PACKAGES, file));
    expect(calling.sort()).toEqual([...ALLOWED].sort());
  });

  test('the pattern sees a call and not a mention', () => {
    expect(REQUIRE_CALL.test("const x = require('./a.ts');")).toBe(true);
    expect(REQUIRE_CALL.test('import.meta.require("x")')).toBe(false);
    expect(REQUIRE_CALL.test('a `require()` call')).toBe(false);
  });
});
