import { afterEach, describe, expect, test } from 'bun:test';
import { canUseNetns, createTestNetns, type TestNetns } from '../testing/test-netns.ts';
import { useTimeLimit } from '../testing/time-limits.ts';
import { sendGratuitousArp, sendUnsolicitedNa } from './announce.ts';

useTimeLimit('netns');

// Two throwaway namespaces joined by a veth pair. The receiver holds a stale neighbour
// entry for the sender's address; a valid announcement (right format, right checksum)
// makes the kernel replace its link-layer address, which is what we look for.
describe.skipIf(!canUseNetns())('announcements (netns)', () => {
  const made: TestNetns[] = [];
  afterEach(() => {
    for (const ns of made.splice(0)) ns.remove();
  });

  function pair(): { sender: TestNetns; receiver: TestNetns; index: number; mac: string } {
    const sender = createTestNetns();
    made.push(sender);
    const receiver = createTestNetns();
    made.push(receiver);
    sender.exec([
      'ip',
      'link',
      'add',
      'ann0',
      'type',
      'veth',
      'peer',
      'name',
      'ann1',
      'netns',
      receiver.name,
    ]);
    sender.exec(['ip', 'link', 'set', 'ann0', 'address', '02:00:00:00:aa:01', 'up']);
    receiver.exec(['ip', 'link', 'set', 'ann1', 'up']);
    const index = Number(sender.exec(['cat', '/sys/class/net/ann0/ifindex']).trim());
    return { sender, receiver, index, mac: '02:00:00:00:aa:01' };
  }

  function lladdr(ns: TestNetns, ip: string): string {
    return ns.exec(['ip', 'neigh', 'show', ip, 'dev', 'ann1']);
  }

  async function eventually(check: () => boolean): Promise<boolean> {
    for (let i = 0; i < 50; i++) {
      if (check()) return true;
      await Bun.sleep(20);
    }
    return check();
  }

  test('a gratuitous ARP updates the neighbour entry of the receiver', async () => {
    const { sender, receiver, index, mac } = pair();
    sender.exec(['ip', 'addr', 'add', '10.99.0.1/24', 'dev', 'ann0']);
    receiver.exec(['ip', 'addr', 'add', '10.99.0.2/24', 'dev', 'ann1']);
    receiver.exec([
      'ip',
      'neigh',
      'replace',
      '10.99.0.1',
      'lladdr',
      '02:00:00:00:00:99',
      'dev',
      'ann1',
      'nud',
      'stale',
    ]);
    sendGratuitousArp('10.99.0.1', { index, mac, netns: sender.ns });
    expect(await eventually(() => lladdr(receiver, '10.99.0.1').includes(mac))).toBe(true);
  });

  test('an unsolicited NA updates the neighbour entry of the receiver', async () => {
    const { sender, receiver, index, mac } = pair();
    sender.exec(['ip', 'addr', 'add', 'fd00:99::1/64', 'dev', 'ann0', 'nodad']);
    receiver.exec(['ip', 'addr', 'add', 'fd00:99::2/64', 'dev', 'ann1', 'nodad']);
    receiver.exec([
      'ip',
      'neigh',
      'replace',
      'fd00:99::1',
      'lladdr',
      '02:00:00:00:00:99',
      'dev',
      'ann1',
      'nud',
      'stale',
    ]);
    sendUnsolicitedNa('fd00:99::1', { index, mac, netns: sender.ns });
    expect(await eventually(() => lladdr(receiver, 'fd00:99::1').includes(mac))).toBe(true);
  });
});
