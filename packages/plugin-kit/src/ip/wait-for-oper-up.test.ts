import { describe, expect, test } from 'bun:test';
import { RTM } from '../netlink/codec/constants.ts';
import { linkMessage, scriptedRequester } from './fixtures/scripted-requester.ts';
import { isNetSetupError } from './net-setup-error.ts';
import { OPER_UP_DELAYS_MS, waitForOperUp } from './wait-for-oper-up.ts';

describe('waitForOperUp', () => {
  test('returns the link once its operstate is up', () => {
    const states = ['down', 'lowerlayerdown', 'up'] as const;
    let look = 0;
    const sock = scriptedRequester(() => [
      linkMessage({
        index: 9,
        name: 'veth1',
        operstate: states[look++] ?? 'up',
        mac: '02:00:00:00:00:09',
      }),
    ]);
    const link = waitForOperUp(sock, 9, { delaysMs: [0, 0, 0, 0, 0] });
    expect(link.operstate).toBe('up');
    expect(link.mac).toBe('02:00:00:00:00:09');
    expect(sock.requests.map((request) => request.type)).toEqual([
      RTM.GETLINK,
      RTM.GETLINK,
      RTM.GETLINK,
    ]);
  });

  test('fails with upstream text after the last look', () => {
    const sock = scriptedRequester(() => [
      linkMessage({ index: 9, name: 'veth1', operstate: 'down' }),
    ]);
    let caught: unknown;
    try {
      waitForOperUp(sock, 9, { delaysMs: [0, 0, 0, 0, 0] });
    } catch (error) {
      caught = error;
    }
    expect(isNetSetupError(caught, 'port-not-up')).toBe(true);
    expect((caught as Error).message).toBe('bridge port in error state: down');
    expect(sock.requests).toHaveLength(5);
  });

  test('uses upstream backoff by default', () => {
    expect(OPER_UP_DELAYS_MS).toEqual([0, 50, 500, 1000, 1000]);
  });
});
