// Run by time-limits.test.ts as `bun test --timeout 400 <this file>`: a hook and a test of
// 700 ms each, which pass only when useTimeLimit() lifts the file's limit above 400 ms.
import { beforeAll, expect, test } from 'bun:test';
import { useTimeLimit } from './time-limits.ts';

if (process.env.CNITS_FIXTURE_NO_LIMIT !== '1') useTimeLimit('netns');

beforeAll(async () => {
  await Bun.sleep(700);
});

test('a 700 ms test after a 700 ms hook', async () => {
  await Bun.sleep(700);
  expect(true).toBe(true);
});
