import { afterAll, describe, expect, test } from 'bun:test';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Subprocess } from 'bun';
import { isSyscallError } from '../sys/syscall-error.ts';
import { lockFile, tryLockFile } from './file-lock.ts';
import { isLockBusyError, LockBusyError } from './lock-busy-error.ts';

const dir = mkdtempSync(join(tmpdir(), 'cnits-lock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let counter = 0;
function lockPath(): string {
  counter += 1;
  return join(dir, `lock-${counter}`);
}

describe('lockFile', () => {
  test('creates the file and holds an exclusive lock until release', () => {
    const path = lockPath();
    const lock = lockFile(path);
    expect(existsSync(path)).toBe(true);
    expect(lock.shared).toBe(false);
    expect(lock.path).toBe(path);
    expect(tryLockFile(path)).toBeNull();
    lock.release();
    lock.release();
    const again = tryLockFile(path);
    expect(again).not.toBeNull();
    again?.release();
  });

  test('creates the file with the given mode', () => {
    const path = lockPath();
    const previous = process.umask(0);
    try {
      lockFile(path, { mode: 0o750 }).release();
    } finally {
      process.umask(previous);
    }
    expect(statSync(path).mode & 0o777).toBe(0o750);
  });

  test('keeps the content of an existing file', () => {
    const path = lockPath();
    writeFileSync(path, 'keep');
    lockFile(path).release();
    expect(Bun.file(path).size).toBe(4);
  });

  test('with wait: false throws LockBusyError while another holder has it', () => {
    const path = lockPath();
    using _held = lockFile(path);
    let caught: unknown;
    try {
      lockFile(path, { wait: false });
    } catch (error) {
      caught = error;
    }
    expect(isLockBusyError(caught)).toBe(true);
    expect(caught).toBeInstanceOf(LockBusyError);
    if (caught instanceof LockBusyError) {
      expect(caught.path).toBe(path);
      expect(caught.code).toBe('EAGAIN');
      expect(isSyscallError(caught.cause)).toBe(true);
    }
  });

  test('shared locks coexist and exclude an exclusive one', () => {
    const path = lockPath();
    const a = lockFile(path, { shared: true });
    const b = lockFile(path, { shared: true, wait: false });
    expect(b.shared).toBe(true);
    expect(tryLockFile(path)).toBeNull();
    a.release();
    expect(tryLockFile(path)).toBeNull();
    b.release();
    tryLockFile(path)?.release();
  });

  test('is released at the end of a using block', () => {
    const path = lockPath();
    {
      using _lock = lockFile(path);
      expect(tryLockFile(path)).toBeNull();
    }
    const again = tryLockFile(path);
    expect(again).not.toBeNull();
    again?.release();
  });

  test('a missing directory is a SyscallError ENOENT', () => {
    let caught: unknown;
    try {
      lockFile(join(dir, 'no-such-dir', 'lock'));
    } catch (error) {
      caught = error;
    }
    expect(isSyscallError(caught) && caught.code).toBe('ENOENT');
  });

  test('existing: locks a file opened read-only, never creates one', () => {
    const path = lockPath();
    let caught: unknown;
    try {
      lockFile(path, { existing: true });
    } catch (error) {
      caught = error;
    }
    expect(isSyscallError(caught) && caught.code).toBe('ENOENT');
    expect(existsSync(path)).toBe(false);
    writeFileSync(path, 'kept', { mode: 0o444 });
    const lock = lockFile(path, { existing: true });
    expect(tryLockFile(path, { existing: true })).toBeNull();
    lock.release();
    expect(tryLockFile(path, { existing: true })).not.toBeNull();
    expect(Bun.file(path).size).toBe(4);
  });

  test('isLockBusyError is false for other errors', () => {
    expect(isLockBusyError(new Error('busy'))).toBe(false);
    expect(isLockBusyError(null)).toBe(false);
  });
});

// Two processes: a `bun -e` child takes the lock, reports on stdout, and releases when the
// parent writes a line to its stdin.
const MODULE = new URL('./file-lock.ts', import.meta.url).pathname;
const CHILD = `
  import { readFileSync } from 'node:fs';
  import { lockFile } from ${JSON.stringify(MODULE)};
  const { LOCK_PATH, LOCK_SHARED, LOCK_WAIT, MARKER } = process.env;
  console.log('waiting');
  let lock;
  try {
    lock = lockFile(LOCK_PATH, { shared: LOCK_SHARED === '1', wait: LOCK_WAIT === '1' });
  } catch (error) {
    console.log(error.name === 'LockBusyError' ? 'busy' : 'error ' + error.message);
    process.exit(0);
  }
  let marker = '';
  try { marker = readFileSync(MARKER, 'utf8'); } catch {}
  console.log('locked ' + marker);
  for await (const _line of console) break;
  lock.release();
  console.log('released');
`;

interface Child {
  readonly process: Subprocess<'pipe', 'pipe', 'inherit'>;
  /** The next line the child prints. */
  nextLine(): Promise<string>;
}

function spawnChild(
  path: string,
  options: { shared?: boolean; wait?: boolean; marker?: string },
): Child {
  const child = Bun.spawn([process.execPath, '-e', CHILD], {
    env: {
      ...process.env,
      LOCK_PATH: path,
      LOCK_SHARED: options.shared === true ? '1' : '0',
      LOCK_WAIT: options.wait === true ? '1' : '0',
      MARKER: options.marker ?? '',
    },
    stdin: 'pipe',
    stdout: 'pipe',
    stderr: 'inherit',
  });
  const reader = child.stdout.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  return {
    process: child,
    async nextLine() {
      for (;;) {
        const newline = buffered.indexOf('\n');
        if (newline !== -1) {
          const line = buffered.slice(0, newline);
          buffered = buffered.slice(newline + 1);
          return line;
        }
        const { done, value } = await reader.read();
        if (done) return `<exit ${await child.exited}>`;
        buffered += decoder.decode(value, { stream: true });
      }
    },
  };
}

/** Resolves once /proc/locks shows `pid` waiting for an exclusive flock. */
async function blockedOnFlock(pid: number): Promise<void> {
  const waiter = new RegExp(`-> FLOCK\\s+ADVISORY\\s+WRITE\\s+${pid}\\s`);
  while (!waiter.test(await Bun.file('/proc/locks').text())) await Bun.sleep(5);
}

function tell(child: Child): void {
  child.process.stdin.write('go\n');
  child.process.stdin.flush();
}

describe('lockFile across processes', () => {
  test('a lock held by another process excludes this one until it is released', async () => {
    const path = lockPath();
    const child = spawnChild(path, {});
    try {
      expect(await child.nextLine()).toBe('waiting');
      expect(await child.nextLine()).toBe('locked ');
      expect(tryLockFile(path)).toBeNull();
      expect(tryLockFile(path, { shared: true })).toBeNull();
      expect(() => lockFile(path, { wait: false })).toThrow(LockBusyError);
      tell(child);
      expect(await child.nextLine()).toBe('released');
      const mine = tryLockFile(path);
      expect(mine).not.toBeNull();
      mine?.release();
    } finally {
      child.process.kill();
      await child.process.exited;
    }
  });

  test('a waiting process gets the lock only after this one releases it', async () => {
    const path = lockPath();
    const marker = join(dir, `marker-${counter}`);
    const mine = lockFile(path);
    const child = spawnChild(path, { wait: true, marker });
    try {
      expect(await child.nextLine()).toBe('waiting');
      // Wait until the kernel lists the child as blocked on the lock (/proc/locks shows
      // waiters as "-> FLOCK ... <pid>"). Then leave a note and release: the child can only
      // read the note if it got the lock after it was written.
      await blockedOnFlock(child.process.pid);
      writeFileSync(marker, 'after-release');
      mine.release();
      expect(await child.nextLine()).toBe('locked after-release');
      expect(tryLockFile(path)).toBeNull();
      tell(child);
      expect(await child.nextLine()).toBe('released');
    } finally {
      mine.release();
      child.process.kill();
      await child.process.exited;
    }
  });

  test('a try-lock in another process fails while this one holds the lock', async () => {
    const path = lockPath();
    using _mine = lockFile(path);
    const child = spawnChild(path, { wait: false });
    try {
      expect(await child.nextLine()).toBe('waiting');
      expect(await child.nextLine()).toBe('busy');
    } finally {
      child.process.kill();
      await child.process.exited;
    }
  });

  test('shared locks are shared across processes; exclusive ones are not', async () => {
    const path = lockPath();
    const mine = lockFile(path, { shared: true });
    const sharer = spawnChild(path, { shared: true, wait: false });
    const excluder = spawnChild(path, { wait: false });
    try {
      expect(await sharer.nextLine()).toBe('waiting');
      expect(await sharer.nextLine()).toBe('locked ');
      expect(await excluder.nextLine()).toBe('waiting');
      expect(await excluder.nextLine()).toBe('busy');
      tell(sharer);
      expect(await sharer.nextLine()).toBe('released');
    } finally {
      mine.release();
      sharer.process.kill();
      excluder.process.kill();
      await Promise.all([sharer.process.exited, excluder.process.exited]);
    }
  });
});
