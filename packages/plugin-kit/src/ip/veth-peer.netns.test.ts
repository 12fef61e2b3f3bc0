import { afterEach, describe, expect, test } from 'bun:test';
import { openRouteSocket } from '../netlink/socket/open-route-socket.ts';
import { canUseNetns, createTestNetns, type TestNetns } from '../testing/test-netns.ts';
import { useTimeLimit } from '../testing/time-limits.ts';
import { createVethPair } from './create-veth-pair.ts';
import { isNetSetupError } from './net-setup-error.ts';
import { getVethPeerInHost } from './veth-peer.ts';

useTimeLimit('netns');

describe.skipIf(!canUseNetns())('getVethPeerInHost (netns)', () => {
  const made: TestNetns[] = [];
  afterEach(() => {
    for (const ns of made.splice(0)) ns.remove();
  });

  test('finds the host end of a container veth, and refuses lo', () => {
    const host = createTestNetns();
    made.push(host);
    const container = createTestNetns();
    made.push(container);
    const veth = createVethPair({
      containerNetns: container.ns,
      hostNetns: host.ns,
      containerIfName: 'eth0',
    });
    using containerSock = openRouteSocket({ netns: container.ns });
    using hostSock = openRouteSocket({ netns: host.ns });
    const pair = getVethPeerInHost(containerSock, hostSock, 'eth0');
    expect(pair.host.name).toBe(veth.host.name);
    expect(pair.host.index).toBe(veth.host.index);
    let caught: unknown;
    try {
      getVethPeerInHost(containerSock, hostSock, 'lo');
    } catch (error) {
      caught = error;
    }
    expect(isNetSetupError(caught, 'not-veth')).toBe(true);
    expect((caught as Error).message).toBe('interface "lo" was not a veth interface');
  });
});
