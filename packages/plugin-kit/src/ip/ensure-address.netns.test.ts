import { afterEach, describe, expect, test } from 'bun:test';
import { openRouteSocket } from '../netlink/socket/open-route-socket.ts';
import { canUseNetns, createTestNetns, type TestNetns } from '../testing/test-netns.ts';
import { useTimeLimit } from '../testing/time-limits.ts';
import { ensureAddress } from './ensure-address.ts';
import { ensureBridge } from './ensure-bridge.ts';
import { isNetSetupError } from './net-setup-error.ts';

useTimeLimit('netns');

describe.skipIf(!canUseNetns())('ensureAddress (netns)', () => {
  const made: TestNetns[] = [];
  afterEach(() => {
    for (const ns of made.splice(0)) ns.remove();
  });

  function host(): TestNetns {
    const ns = createTestNetns();
    made.push(ns);
    return ns;
  }

  test('adds the gateway once, pins the bridge MAC, refuses or forces a different address', () => {
    const ns = host();
    using sock = openRouteSocket({ netns: ns.ns });
    const bridge = ensureBridge(sock, { name: 'cnibr0', netns: ns.ns });
    const options = { index: bridge.index, name: 'cnibr0' };
    ensureAddress(sock, { ...options, address: '10.244.80.1/24' });
    ensureAddress(sock, { ...options, address: '10.244.80.1/24' });
    ensureAddress(sock, { ...options, address: 'fd00:80::1/64' });
    expect(ns.exec(['ip', '-4', '-o', 'addr', 'show', 'dev', 'cnibr0'])).toContain(
      'inet 10.244.80.1/24 brd 10.244.80.255',
    );
    // A pinned MAC (NET_ADDR_SET) no longer follows the ports.
    expect(ns.exec(['cat', '/sys/class/net/cnibr0/addr_assign_type']).trim()).toBe('3');

    let caught: unknown;
    try {
      ensureAddress(sock, { ...options, address: '10.244.81.1/24' });
    } catch (error) {
      caught = error;
    }
    expect(isNetSetupError(caught, 'address-conflict')).toBe(true);
    expect((caught as Error).message).toBe(
      '"cnibr0" already has an IP address different from 10.244.81.1/24',
    );

    ensureAddress(sock, { ...options, address: '10.244.81.1/24', forceAddress: true });
    const v4 = ns.exec(['ip', '-4', '-o', 'addr', 'show', 'dev', 'cnibr0']);
    expect(v4).toContain('10.244.81.1/24');
    expect(v4).not.toContain('10.244.80.1');
    // A second IPv6 prefix that does not overlap is fine.
    ensureAddress(sock, { ...options, address: 'fd00:82::1/64' });
    const v6 = ns.exec(['ip', '-6', '-o', 'addr', 'show', 'dev', 'cnibr0', 'scope', 'global']);
    expect(v6).toContain('fd00:80::1/64');
    expect(v6).toContain('fd00:82::1/64');
  });
});
