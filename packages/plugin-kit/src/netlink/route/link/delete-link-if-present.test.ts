import { describe, expect, test } from 'bun:test';
import { SyscallError } from '../../../sys/syscall-error.ts';
import type { NetlinkRequester } from '../../socket/requester.ts';
import { deleteLinkIfPresent } from './delete-link-if-present.ts';

function failingWith(errno: number): NetlinkRequester {
  return {
    request() {
      throw new SyscallError('sendto', errno);
    },
  };
}

describe('deleteLinkIfPresent', () => {
  test('a link that is gone (ENODEV) is success; another failure is thrown', () => {
    expect(() => deleteLinkIfPresent(failingWith(19), { index: 7 })).not.toThrow();
    expect(() => deleteLinkIfPresent(failingWith(1), { index: 7 })).toThrow();
  });

  test('sends one RTM_DELLINK', () => {
    const ops: string[] = [];
    deleteLinkIfPresent(
      {
        request(request) {
          ops.push(request.op);
          return [];
        },
      },
      { index: 7 },
    );
    expect(ops).toEqual(['RTM_DELLINK']);
  });
});
