import { afterEach, describe, expect, test } from 'bun:test';
import { openRouteSocket } from '../netlink/socket/open-route-socket.ts';
import { readSysctl } from '../sysctl/sysctl.ts';
import { canUseNetns, createTestNetns, type TestNetns } from '../testing/test-netns.ts';
import { useTimeLimit } from '../testing/time-limits.ts';
import { ensureBridge } from './ensure-bridge.ts';
import { isNetSetupError } from './net-setup-error.ts';

useTimeLimit('netns');

// Everything happens in a throwaway "host" namespace; nothing in the machine's own.
describe.skipIf(!canUseNetns())('ensureBridge (netns)', () => {
  const made: TestNetns[] = [];
  afterEach(() => {
    for (const ns of made.splice(0)) ns.remove();
  });

  function host(): TestNetns {
    const ns = createTestNetns();
    made.push(ns);
    return ns;
  }

  test('creates the bridge up, with its MTU, promisc and accept_ra=0, and is idempotent', () => {
    const ns = host();
    using sock = openRouteSocket({ netns: ns.ns });
    const first = ensureBridge(sock, { name: 'cnibr0', mtu: 1400, promisc: true, netns: ns.ns });
    expect(first.kind).toBe('bridge');
    expect(first.mtu).toBe(1400);
    const again = ensureBridge(sock, { name: 'cnibr0', netns: ns.ns });
    expect(again.index).toBe(first.index);
    const shown = ns.exec(['ip', '-d', 'link', 'show', 'cnibr0']);
    expect(shown).toMatch(/<[^>]*PROMISC[^>]*UP[^>]*>|<[^>]*UP[^>]*PROMISC[^>]*>/);
    expect(shown).toContain('mtu 1400');
    expect(shown).toContain('bridge forward_delay');
    expect(shown).toContain('vlan_filtering 0');
    expect(readSysctl('net.ipv6.conf.cnibr0.accept_ra', { netns: ns.ns })).toBe('0');
  });

  test('brings an existing bridge that is down back up, and resets its accept_ra', () => {
    const ns = host();
    ns.exec(['ip', 'link', 'add', 'cnibr3', 'type', 'bridge']);
    ns.exec(['sysctl', '-qw', 'net.ipv6.conf.cnibr3.accept_ra=2']);
    using sock = openRouteSocket({ netns: ns.ns });
    const bridge = ensureBridge(sock, { name: 'cnibr3', promisc: true, netns: ns.ns });
    expect(bridge.flags & 0x101).toBe(0x101); // IFF_UP | IFF_PROMISC, as read after the changes
    expect(ns.exec(['ip', 'link', 'show', 'cnibr3'])).toMatch(/<[^>]*UP[^>]*>/);
    expect(readSysctl('net.ipv6.conf.cnibr3.accept_ra', { netns: ns.ns })).toBe('0');
    // Already up and promiscuous: returned as read, the same link.
    const again = ensureBridge(sock, { name: 'cnibr3', promisc: true, netns: ns.ns });
    expect(again.index).toBe(bridge.index);
    expect(again.flags & 0x101).toBe(0x101);
  });

  test('refuses a veth of that name with upstream text and changes nothing', () => {
    const ns = host();
    ns.exec(['ip', 'link', 'add', 'cnim0', 'type', 'veth', 'peer', 'name', 'cnim1']);
    const before = ns.exec(['ip', '-d', 'link', 'show', 'cnim0']);
    const raBefore = readSysctl('net.ipv6.conf.cnim0.accept_ra', { netns: ns.ns });
    using sock = openRouteSocket({ netns: ns.ns });
    let caught: unknown;
    try {
      ensureBridge(sock, { name: 'cnim0', promisc: true, netns: ns.ns });
    } catch (error) {
      caught = error;
    }
    expect(isNetSetupError(caught, 'not-a-bridge')).toBe(true);
    expect((caught as Error).message).toBe('"cnim0" already exists but is not a bridge');
    expect(ns.exec(['ip', '-d', 'link', 'show', 'cnim0'])).toBe(before);
    expect(readSysctl('net.ipv6.conf.cnim0.accept_ra', { netns: ns.ns })).toBe(raBefore);
  });

  const hasVlanFiltering = (() => {
    if (!canUseNetns()) return false;
    const ns = createTestNetns();
    try {
      ns.exec(['ip', 'link', 'add', 'probe0', 'type', 'bridge', 'vlan_filtering', '1']);
      return true;
    } catch {
      return false;
    } finally {
      ns.remove();
    }
  })();

  test.skipIf(!hasVlanFiltering)(
    'creates a VLAN-filtering bridge (kernel lacks CONFIG_BRIDGE_VLAN_FILTERING)',
    () => {
      const ns = host();
      using sock = openRouteSocket({ netns: ns.ns });
      const bridge = ensureBridge(sock, { name: 'cnibr1', vlanFiltering: true, netns: ns.ns });
      expect(bridge.kindData).toMatchObject({ kind: 'bridge', vlanFiltering: true });
    },
  );

  test.skipIf(hasVlanFiltering)(
    'reports a missing VLAN filtering as upstream does (kernel lacks CONFIG_BRIDGE_VLAN_FILTERING)',
    () => {
      const ns = host();
      using sock = openRouteSocket({ netns: ns.ns });
      let caught: unknown;
      try {
        ensureBridge(sock, { name: 'cnibr2', vlanFiltering: true, netns: ns.ns });
      } catch (error) {
        caught = error;
      }
      expect((caught as Error).message).toBe('could not add "cnibr2": operation not supported');
    },
  );
});
