import { afterEach, beforeEach, describe, expect, test } from 'bun:test';
import { existsSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isCacheError } from '../errors/cache-error.ts';
import { withFileLock } from './_lock.ts';

let dir: string;
let target: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'libcni-lock-'));
  target = join(dir, 'net-c1-eth0');
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('withFileLock', () => {
  test('serializes holders of the same lock and removes the lock file afterwards', async () => {
    const events: string[] = [];
    const hold = (name: string) =>
      withFileLock(target, async () => {
        events.push(`${name} in`);
        await Bun.sleep(20);
        events.push(`${name} out`);
      });
    await Promise.all([hold('a'), hold('b'), hold('c')]);
    for (let i = 0; i < events.length; i += 2) {
      expect(events[i + 1]).toBe(events[i]?.replace(' in', ' out'));
    }
    expect(existsSync(`${target}.lock`)).toBe(false);
  });

  test('releases the lock when the holder throws', async () => {
    await expect(withFileLock(target, () => Promise.reject(new Error('boom')))).rejects.toThrow(
      'boom',
    );
    expect(existsSync(`${target}.lock`)).toBe(false);
  });

  test('breaks a lock left by a process that no longer exists', async () => {
    const dead = Bun.spawnSync(['true']).pid;
    writeFileSync(`${target}.lock`, `${dead}\n`);
    expect(await withFileLock(target, async () => 'got it')).toBe('got it');
  });

  test('breaks a lock older than the stale age, and one never written', async () => {
    writeFileSync(`${target}.lock`, `${process.pid}\n`);
    const old = new Date(Date.now() - 60_000);
    utimesSync(`${target}.lock`, old, old);
    expect(await withFileLock(target, async () => 1, { staleMs: 30_000 })).toBe(1);
    writeFileSync(`${target}.lock`, '');
    utimesSync(`${target}.lock`, old, old);
    expect(await withFileLock(target, async () => 2)).toBe(2);
  });

  test('times out on a live lock', async () => {
    writeFileSync(`${target}.lock`, `${process.pid}\n`);
    const error = await withFileLock(target, async () => 1, { timeoutMs: 50 }).catch(
      (e: unknown) => e,
    );
    expect(isCacheError(error)).toBe(true);
    expect(String(error)).toContain(`waiting for lock ${target}.lock`);
  });
});
