import { randomHex } from './_random-hex.ts';
// Per-attachment locking without flock: a lock file created with O_EXCL.
//
// `<cache file>.lock` holds the pid of its holder. A waiter polls (5 ms doubling to
// 100 ms) until the file is gone or stale, up to `timeoutMs`. A lock is stale when its
// holder process no longer exists, or when it is older than `staleMs` (holders keep it
// for the few milliseconds of one write). A stale lock is renamed aside before removal,
// so that of several waiters only one breaks it. Breaking is best effort: a lock only a
// crashed process can leave behind is the case it exists for.

import { open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { CacheError } from '../errors/cache-error.ts';
import { errnoText, errorCode } from '../go/_errno.ts';
import { sleep } from '../invoke/_sleep.ts';
import type { FileLockOptions } from './lock-options.ts';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM';
  }
}

/** Removes the lock if it is stale; true when the caller should try to take it again now. */
async function breakIfStale(lockPath: string, staleMs: number): Promise<boolean> {
  let content: string;
  let age: number;
  try {
    content = await readFile(lockPath, 'utf8');
    age = Date.now() - (await stat(lockPath)).mtimeMs;
  } catch (error) {
    return errorCode(error) === 'ENOENT';
  }
  const pid = Number.parseInt(content, 10);
  // A lock without a pid was being created, or its creator died before writing it.
  const holderGone = Number.isInteger(pid) && pid > 0 ? !isAlive(pid) : age > 1000;
  if (!holderGone && age <= staleMs) return false;
  const aside = `${lockPath}.stale-${process.pid}-${randomHex()}`;
  try {
    await rename(lockPath, aside);
  } catch {
    return true;
  }
  await unlink(aside).catch(() => undefined);
  return true;
}

async function acquire(lockPath: string, options: FileLockOptions): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const deadline = Date.now() + timeoutMs;
  let delay = 5;
  for (;;) {
    try {
      const handle = await open(lockPath, 'wx', 0o600);
      try {
        await handle.writeFile(`${process.pid}\n`);
      } finally {
        await handle.close();
      }
      return;
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') {
        throw new CacheError(`failed to create lock ${lockPath}: ${errnoText(error)}`, {
          path: lockPath,
          cause: error,
        });
      }
    }
    if (await breakIfStale(lockPath, options.staleMs ?? 30_000)) continue;
    if (Date.now() >= deadline) {
      throw new CacheError(`timed out after ${timeoutMs} ms waiting for lock ${lockPath}`, {
        path: lockPath,
      });
    }
    await sleep(delay);
    delay = Math.min(delay * 2, 100);
  }
}

/** Runs `fn` holding the lock `<target>.lock`; the lock is released however `fn` ends. */
export async function withFileLock<T>(
  target: string,
  fn: () => Promise<T>,
  options: FileLockOptions = {},
): Promise<T> {
  const lockPath = `${target}.lock`;
  await acquire(lockPath, options);
  try {
    return await fn();
  } finally {
    await unlink(lockPath).catch(() => undefined);
  }
}
