import { afterEach, describe, expect, test } from 'bun:test';
import { canUseNetns, createTestNetns, type TestNetns } from '../testing/test-netns.ts';
import { useTimeLimit } from '../testing/time-limits.ts';
import { deleteLinkCollectingAddresses } from './delete-link-collecting-addresses.ts';

useTimeLimit('netns');

describe.skipIf(!canUseNetns())('deleteLinkCollectingAddresses (netns)', () => {
  const made: TestNetns[] = [];
  afterEach(() => {
    for (const ns of made.splice(0)) ns.remove();
  });

  function container(): TestNetns {
    const ns = createTestNetns();
    made.push(ns);
    ns.exec(['ip', 'link', 'add', 'eth0', 'type', 'veth', 'peer', 'name', 'eth1']);
    ns.exec(['ip', 'link', 'set', 'eth0', 'up']);
    ns.exec(['ip', 'link', 'set', 'eth1', 'up']);
    ns.exec(['ip', 'addr', 'add', '10.244.70.2/24', 'dev', 'eth0']);
    ns.exec(['ip', 'addr', 'add', '169.254.7.7/16', 'dev', 'eth0']);
    ns.exec(['ip', 'addr', 'add', 'fd00:70::2/64', 'dev', 'eth0', 'nodad']);
    return ns;
  }

  test('deletes the link (and its peer) and returns its global-unicast addresses', () => {
    const ns = container();
    const addresses = deleteLinkCollectingAddresses(ns.path, 'eth0');
    expect(addresses.sort()).toEqual(['10.244.70.2/24', 'fd00:70::2/64']);
    expect(ns.exec(['ip', '-o', 'link', 'show']).trim().split('\n')).toHaveLength(1);
  });

  test('takes an open namespace as well', () => {
    const ns = container();
    expect(deleteLinkCollectingAddresses(ns.ns, 'eth0')).toContain('10.244.70.2/24');
  });

  test('returns [] when the link is gone (a second DEL)', () => {
    const ns = container();
    deleteLinkCollectingAddresses(ns.path, 'eth0');
    expect(deleteLinkCollectingAddresses(ns.path, 'eth0')).toEqual([]);
    expect(deleteLinkCollectingAddresses(ns.path, 'nosuch0')).toEqual([]);
  });

  test('returns [] when the namespace has vanished', () => {
    const ns = container();
    const { path } = ns;
    ns.remove();
    expect(deleteLinkCollectingAddresses(path, 'eth0')).toEqual([]);
  });
});
