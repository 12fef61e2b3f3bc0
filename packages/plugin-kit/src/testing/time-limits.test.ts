import { describe, expect, test } from 'bun:test';
import { join } from 'node:path';
import { TIME_LIMITS } from './time-limits.ts';

const FIXTURE = join(import.meta.dir, '_time-limit-fixture.ts');

function runFixture(withLimit: boolean): { exitCode: number; output: string } {
  const done = Bun.spawnSync([process.execPath, 'test', '--timeout', '400', FIXTURE], {
    env: { ...process.env, CNITS_FIXTURE_NO_LIMIT: withLimit ? '0' : '1' },
    stdout: 'pipe',
    stderr: 'pipe',
  });
  return { exitCode: done.exitCode, output: `${done.stdout}${done.stderr}` };
}

describe('useTimeLimit', () => {
  test('lifts the limit of the calling file for its hooks and tests', () => {
    const run = runFixture(true);
    expect(run.output).toContain(' 1 pass');
    expect(run.exitCode).toBe(0);
  });

  test('without it, the command-line limit applies (the fixture fails at 400 ms)', () => {
    const run = runFixture(false);
    expect(run.output).toContain('timed out');
    expect(run.exitCode).not.toBe(0);
  });

  test('the limits leave room for a loaded machine', () => {
    expect(TIME_LIMITS.netns).toBeGreaterThanOrEqual(60_000);
    expect(TIME_LIMITS.slow).toBeGreaterThan(TIME_LIMITS.netns);
  });
});
