import { describe, expect, test } from 'bun:test';
import { canUseNetns, createTestNetns } from '../testing/test-netns.ts';
import { useTimeLimit } from '../testing/time-limits.ts';
import { tryOpenNetns } from './try-open-netns.ts';

useTimeLimit('netns');

describe.skipIf(!canUseNetns())('tryOpenNetns (netns)', () => {
  test('opens a namespace; undefined for an empty path, a gone one, or no namespace', () => {
    using ns = createTestNetns();
    using opened = tryOpenNetns(ns.path);
    expect(opened).toBeDefined();
    expect(tryOpenNetns('')).toBeUndefined();
    expect(tryOpenNetns('/nonexistent/cnits-netns')).toBeUndefined();
    expect(tryOpenNetns('/etc/hostname')).toBeUndefined(); // a file, not a namespace
  });
});
