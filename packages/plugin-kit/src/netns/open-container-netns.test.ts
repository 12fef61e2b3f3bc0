import { describe, expect, test } from 'bun:test';
import { isCniError } from '@cni-ts/spec-types';
import { openContainerNetns } from './open-container-netns.ts';

describe('openContainerNetns', () => {
  test("fails with upstream's words and code 999 for a path that is no namespace", () => {
    for (const [path, why] of [
      ['/nonexistent/ns', 'failed to Statfs "/nonexistent/ns": no such file or directory'],
      ['/etc/hostname', 'unknown FS magic on "/etc/hostname"'],
    ] as const) {
      try {
        openContainerNetns(path);
        throw new Error('unreachable');
      } catch (error) {
        expect(isCniError(error) && error.code).toBe(999);
        expect(isCniError(error) && error.msg).toStartWith(
          `failed to open netns "${path}": ${why}`,
        );
      }
    }
  });
});
