import { afterEach, describe, expect, test } from 'bun:test';
import { readlinkSync, statSync } from 'node:fs';
import { canUseNetns, createTestNetns, type TestNetns } from '../testing/test-netns.ts';
import { useTimeLimit } from '../testing/time-limits.ts';
import { currentNetns, withNetns, withNetnsPath } from './netns.ts';

useTimeLimit('netns');

/** The inode of the namespace the JavaScript thread is in now. */
function threadNetnsInode(): number {
  const link = readlinkSync('/proc/thread-self/ns/net');
  return Number(/^net:\[(\d+)\]$/.exec(link)?.[1]);
}

describe.skipIf(!canUseNetns())('withNetns (root)', () => {
  let made: TestNetns[] = [];
  const testNetns = (): TestNetns => {
    const ns = createTestNetns();
    made.push(ns);
    return ns;
  };
  afterEach(() => {
    for (const ns of made) ns.remove();
    made = [];
  });

  test('runs fn inside the namespace and switches back', () => {
    const target = testNetns();
    const home = threadNetnsInode();
    const inside = withNetns(target.ns, threadNetnsInode);
    expect(inside).toBe(statSync(target.path).ino);
    expect(inside).not.toBe(home);
    expect(threadNetnsInode()).toBe(home);
  });

  test('a child process spawned inside lives in the namespace', () => {
    const target = testNetns();
    const link = withNetns(target.ns, () =>
      Bun.spawnSync(['readlink', '/proc/self/ns/net']).stdout.toString().trim(),
    );
    expect(link).toBe(`net:[${statSync(target.path).ino}]`);
  });

  test('switches back when fn throws, and rethrows the error', () => {
    const target = testNetns();
    const home = threadNetnsInode();
    const failure = new Error('inside');
    expect(() =>
      withNetns(target.ns, () => {
        throw failure;
      }),
    ).toThrow(failure);
    expect(threadNetnsInode()).toBe(home);
  });

  test('rejects a promise-returning fn: a type error, and a TypeError at run time', () => {
    const target = testNetns();
    const home = threadNetnsInode();
    let ranInside = 0;
    expect(() =>
      // @ts-expect-error: withNetns takes synchronous functions only
      withNetns(target.ns, async () => {
        ranInside = threadNetnsInode();
      }),
    ).toThrow(TypeError);
    expect(() =>
      // @ts-expect-error: a function that may return a promise is refused as well
      withNetns(target.ns, () => (ranInside > 0 ? Promise.resolve(1) : 1)),
    ).toThrow(TypeError);
    // The synchronous part ran inside; the thread is back home all the same.
    expect(ranInside).toBe(statSync(target.path).ino);
    expect(threadNetnsInode()).toBe(home);
  });

  test('nests: an inner withNetns returns to the outer namespace', () => {
    const outer = testNetns();
    const inner = testNetns();
    const home = threadNetnsInode();
    const seen = withNetns(outer.ns, () => {
      const innerInode = withNetns(inner.ns, threadNetnsInode);
      return [innerInode, threadNetnsInode()];
    });
    expect(seen).toEqual([statSync(inner.path).ino, statSync(outer.path).ino]);
    expect(threadNetnsInode()).toBe(home);
  });

  test('withNetnsPath opens the path, runs fn inside and switches back', () => {
    const target = testNetns();
    const home = threadNetnsInode();
    expect(withNetnsPath(target.path, threadNetnsInode)).toBe(statSync(target.path).ino);
    expect(threadNetnsInode()).toBe(home);
  });

  test('currentNetns inside withNetns is the target namespace', () => {
    const target = testNetns();
    const inode = withNetns(target.ns, () => {
      using ns = currentNetns();
      return readlinkSync(`/proc/self/fd/${ns.fd}`);
    });
    expect(inode).toBe(`net:[${statSync(target.path).ino}]`);
  });
});
