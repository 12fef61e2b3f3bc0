import { describe, expect, test } from 'bun:test';
import { IFA_F } from '../netlink/route/address/constants.ts';
import { addressMessage, scriptedRequester } from './fixtures/scripted-requester.ts';
import { isNetSetupError } from './net-setup-error.ts';
import { settleAddresses } from './settle-addresses.ts';

function thrown(fn: () => void): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('settleAddresses', () => {
  test('polls IPv6 addresses until none is tentative', () => {
    let poll = 0;
    const sock = scriptedRequester(() => {
      poll++;
      return [
        addressMessage({ index: 3, address: 'fe80::1/64' }),
        addressMessage({ index: 3, address: 'fd00::2/64', flags: poll < 3 ? IFA_F.TENTATIVE : 0 }),
      ];
    });
    settleAddresses(sock, 3, { timeoutMs: 5000, intervalMs: 0 });
    expect(poll).toBe(3);
  });

  test('fails at once on DADFAILED', () => {
    const sock = scriptedRequester(() => [
      addressMessage({ index: 3, address: 'fd00::2/64', flags: IFA_F.TENTATIVE | IFA_F.DADFAILED }),
    ]);
    const error = thrown(() => settleAddresses(sock, 3, { timeoutMs: 5000, name: 'eth0' }));
    expect(isNetSetupError(error, 'dad-failed')).toBe(true);
    expect((error as Error).message).toBe('link eth0 has address fd00::2 in DADFAILED state');
    expect(sock.requests).toHaveLength(1);
  });

  test('fails after the timeout while an address stays tentative', () => {
    const sock = scriptedRequester(() => [
      addressMessage({ index: 3, address: 'fd00::2/64', flags: IFA_F.TENTATIVE }),
    ]);
    const error = thrown(() =>
      settleAddresses(sock, 3, { timeoutMs: 0, intervalMs: 1, name: 'eth0' }),
    );
    expect(isNetSetupError(error, 'dad-timeout')).toBe(true);
    expect((error as Error).message).toBe(
      'link eth0 still has tentative addresses after 0 seconds',
    );
  });

  test('returns at once when there is no IPv6 address', () => {
    const sock = scriptedRequester(() => []);
    settleAddresses(sock, 3, { timeoutMs: 0 });
    expect(sock.requests).toHaveLength(1);
  });
});
