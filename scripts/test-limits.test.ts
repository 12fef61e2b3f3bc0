import { beforeAll, describe, expect, test } from 'bun:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// The guard of the suite's time limits. Bun gives every test and every hook 5 s unless
// told otherwise, and Bun 1.4.5 ignores bunfig's `[test] timeout`: on a busy machine the
// slow tests then fail although nothing is wrong. scripts/test passes `--timeout`; this
// file has no limit of its own, so its 5.5 s hook and 5.5 s test pass only when that
// command-line limit is in effect. Run alone, give it too: `bun test --timeout 60000`.

const REPO = join(import.meta.dir, '..');
const PAST_BUNS_DEFAULT_MS = 5_500;

describe("scripts/test's time limit (bun test --timeout 60000) is in effect", () => {
  let hookSlept = false;
  beforeAll(async () => {
    await Bun.sleep(PAST_BUNS_DEFAULT_MS);
    hookSlept = true;
  });

  test('for hooks: a 5.5 s beforeAll finished', () => {
    expect(hookSlept).toBe(true);
  });

  test('for tests: a 5.5 s test finishes', async () => {
    await Bun.sleep(PAST_BUNS_DEFAULT_MS);
    expect(hookSlept).toBe(true);
  });
});

describe('slow test files set a time limit of their own', () => {
  const netnsFiles = [...new Bun.Glob('**/*.netns.test.ts').scanSync({ cwd: REPO })]
    .filter((file) => !file.includes('node_modules/') && !file.includes('dist/'))
    .sort();

  test('there are root-only test files to check', () => {
    expect(netnsFiles.length).toBeGreaterThan(40);
  });

  test('every *.netns.test.ts calls useTimeLimit (so it holds however the file is run)', () => {
    const without = netnsFiles.filter(
      (file) => !/^useTimeLimit\('(netns|slow)'\);$/m.test(readFileSync(join(REPO, file), 'utf8')),
    );
    expect(without).toEqual([]);
  });
});
