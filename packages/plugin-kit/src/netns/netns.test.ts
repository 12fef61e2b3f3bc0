import { afterAll, describe, expect, test } from 'bun:test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CURRENT_NETNS_PATH, currentNetns, openNetns } from './netns.ts';
import { isNetnsError, type NetnsError } from './netns-error.ts';

const dir = mkdtempSync(join(tmpdir(), 'cnits-netns-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function netnsErrorOf(fn: () => unknown): NetnsError {
  try {
    fn();
  } catch (error) {
    if (isNetnsError(error)) return error;
    throw error;
  }
  throw new Error('expected a NetnsError, nothing was thrown');
}

describe('openNetns', () => {
  test('reports a missing path as not-found, with upstream wording', () => {
    const path = join(dir, 'missing');
    const error = netnsErrorOf(() => openNetns(path));
    expect(error.reason).toBe('not-found');
    expect(error.path).toBe(path);
    expect(error.message).toBe(`failed to Statfs "${path}": no such file or directory`);
  });

  test('refuses a regular file as not-a-namespace, naming the filesystem magic', () => {
    const path = join(dir, 'plain');
    writeFileSync(path, '');
    const error = netnsErrorOf(() => openNetns(path));
    expect(error.reason).toBe('not-a-namespace');
    expect(error.message).toStartWith(`unknown FS magic on "${path}": `);
  });

  test('opens a procfs namespace path', () => {
    using ns = openNetns(`/proc/${process.pid}/ns/net`);
    expect(ns.fd).toBeGreaterThanOrEqual(0);
    expect(ns.path).toBe(`/proc/${process.pid}/ns/net`);
  });
});

describe('currentNetns', () => {
  test('opens the thread namespace path, and close() may be called twice', () => {
    const ns = currentNetns();
    expect(ns.path).toBe(CURRENT_NETNS_PATH);
    ns.close();
    ns.close();
  });
});
