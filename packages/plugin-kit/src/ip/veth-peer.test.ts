import { describe, expect, test } from 'bun:test';
import { kernelError, linkMessage, scriptedRequester } from './fixtures/scripted-requester.ts';
import { isNetSetupError } from './net-setup-error.ts';
import { getVethPeerInHost } from './veth-peer.ts';

function thrown(fn: () => void): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('getVethPeerInHost', () => {
  const container = scriptedRequester(() => [
    linkMessage({ index: 2, name: 'eth0', kind: 'veth', link: 11 }),
  ]);

  test('finds the host end by the container end peer index', () => {
    const host = scriptedRequester(() => [
      linkMessage({ index: 11, name: 'veth0011aabb', kind: 'veth', link: 2 }),
    ]);
    const pair = getVethPeerInHost(container, host, 'eth0');
    expect([pair.container.index, pair.host.index, pair.host.name]).toEqual([
      2,
      11,
      'veth0011aabb',
    ]);
  });

  test('refuses a link that is not a veth with upstream text', () => {
    const lo = scriptedRequester(() => [linkMessage({ index: 1, name: 'lo' })]);
    const error = thrown(() => getVethPeerInHost(lo, lo, 'lo'));
    expect(isNetSetupError(error, 'not-veth')).toBe(true);
    expect((error as Error).message).toBe('interface "lo" was not a veth interface');
  });

  test('refuses an index in the host that is not the peer', () => {
    const other = scriptedRequester(() => [
      linkMessage({ index: 11, name: 'br0', kind: 'bridge' }),
    ]);
    const error = thrown(() => getVethPeerInHost(container, other, 'eth0'));
    expect((error as Error).message).toBe('veth peer with index 11 is not in host ns');
    const missing = scriptedRequester((request) => {
      throw kernelError(request, 'ENODEV');
    });
    expect((thrown(() => getVethPeerInHost(container, missing, 'eth0')) as Error).message).toBe(
      'veth peer with index 11 is not in host ns',
    );
  });

  test('reports a missing container link', () => {
    const missing = scriptedRequester((request) => {
      throw kernelError(request, 'ENODEV');
    });
    expect((thrown(() => getVethPeerInHost(missing, missing, 'eth9')) as Error).message).toBe(
      'could not look up "eth9": Link not found',
    );
  });
});
