import { describe, expect, test } from 'bun:test';
import { readdirSync, readlinkSync } from 'node:fs';
import { NftBatch } from '../netlink/netfilter/batch.ts';
import { openNftSocket } from '../netlink/netfilter/nft-socket.ts';
import { listNftTables } from '../netlink/netfilter/table.ts';
import { canUseNetns, createTestNetns, type TestNetns } from '../testing/test-netns.ts';
import { useTimeLimit } from '../testing/time-limits.ts';

useTimeLimit('netns');

const NETLINK_NETFILTER = 12;

/** Port ids of the NETLINK_NETFILTER sockets user space holds in `host` (the kernel's has 0). */
function netfilterPortIds(host: TestNetns): string[] {
  const ids: string[] = [];
  for (const line of host.exec(['cat', '/proc/net/netlink']).split('\n').slice(1)) {
    const [, protocol, portId] = line.trim().split(/\s+/);
    if (Number(protocol) === NETLINK_NETFILTER && portId !== undefined && portId !== '0') {
      ids.push(portId);
    }
  }
  return ids;
}

/** This process's descriptors that are sockets. */
function openSockets(): string[] {
  const sockets: string[] = [];
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      const target = readlinkSync(`/proc/self/fd/${fd}`);
      if (target.startsWith('socket:')) sockets.push(target);
    } catch {
      // the descriptor readdir itself used, closed since
    }
  }
  return sockets.sort();
}

describe.skipIf(!canUseNetns())('closeInKernelWorker, through NftSocket.release', () => {
  test('the descriptor is gone at once, the kernel frees the socket, the transaction stands', async () => {
    using host = createTestNetns();
    const before = openSockets();
    const sock = openNftSocket({ netns: host.ns });
    const opened = openSockets().filter((socket) => !before.includes(socket));
    expect(opened).toHaveLength(1);
    sock.commit(
      new NftBatch()
        .addTable({ family: 'inet', name: 'kept' })
        .addTable({ family: 'inet', name: 'gone' }),
    );
    // A deletion leaves destroy work: a plain close would wait for it.
    sock.commit(new NftBatch().deleteTable({ family: 'inet', name: 'gone' }));
    expect(sock.leavesDestroyWork).toBe(true);
    expect(netfilterPortIds(host)).toHaveLength(1);

    sock.release();
    expect(openSockets()).not.toContain(opened[0]);
    let left = netfilterPortIds(host);
    for (let i = 0; i < 100 && left.length > 0; i++) {
      await Bun.sleep(50);
      left = netfilterPortIds(host);
    }
    expect(left).toEqual([]);

    using check = openNftSocket({ netns: host.ns });
    expect(listNftTables(check, 'inet').map((table) => table.name)).toEqual(['kept']);
  });
});
