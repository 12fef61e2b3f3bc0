import { describe, expect, test } from 'bun:test';
import { isExists, isNotSupported } from '../errors/predicates.ts';
import { RTM } from '../netlink/codec/constants.ts';
import { ensureBridge } from './ensure-bridge.ts';
import { kernelError, linkMessage, scriptedRequester } from './fixtures/scripted-requester.ts';
import { isNetSetupError } from './net-setup-error.ts';

function thrown(fn: () => void): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

// The success path writes a sysctl, so it is tested in ensure-bridge.netns.test.ts only.
describe('ensureBridge', () => {
  test('refuses a link of that name that is not a bridge, changing nothing', () => {
    const sock = scriptedRequester((request) => {
      if (request.type === RTM.NEWLINK) throw kernelError(request, 'EEXIST');
      return [linkMessage({ index: 4, name: 'cnits-m0', kind: 'veth' })];
    });
    const error = thrown(() => ensureBridge(sock, { name: 'cnits-m0', promisc: true }));
    expect(isNetSetupError(error, 'not-a-bridge')).toBe(true);
    expect((error as Error).message).toBe('"cnits-m0" already exists but is not a bridge');
    // One lookup: no create, no promisc, no up.
    expect(sock.requests.map((request) => request.type)).toEqual([RTM.GETLINK]);
  });

  test('reports a failed create with upstream text and keeps the kernel error', () => {
    const sock = scriptedRequester((request) => {
      throw kernelError(request, 'EOPNOTSUPP');
    });
    const error = thrown(() => ensureBridge(sock, { name: 'cnits-b2', vlanFiltering: true }));
    expect((error as Error).message).toBe('could not add "cnits-b2": operation not supported');
    expect(isNotSupported(error)).toBe(true);
    expect(isExists(error)).toBe(false);
  });

  test('reports a missing link after create as upstream lookup text', () => {
    const sock = scriptedRequester((request) => {
      if (request.type === RTM.NEWLINK) return [];
      throw kernelError(request, 'ENODEV');
    });
    const error = thrown(() => ensureBridge(sock, { name: 'cnits-b3' }));
    expect((error as Error).message).toBe('could not lookup "cnits-b3": Link not found');
  });
});
