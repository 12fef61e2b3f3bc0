// Root-only: addresses added, replaced, listed and deleted through a real route socket in a
// throwaway namespace (never the host's), cross-checked with `ip -j addr show` there.
import { afterEach, beforeEach, describe, expect, test } from 'bun:test';
import { isExists, isNotFound } from '../../../errors/predicates.ts';
import { createVethNetns, type VethNetns } from '../../../testing/_route-netns.ts';
import { canUseNetns } from '../../../testing/test-netns.ts';
import { useTimeLimit } from '../../../testing/time-limits.ts';
import { AF, NETLINK, NLM_F, RTM } from '../../codec/constants.ts';
import { openKernelTransport } from '../../socket/kernel-transport.ts';
import { NetlinkSocket } from '../../socket/netlink-socket.ts';
import type { NetlinkRequester } from '../../socket/requester.ts';
import { thrown } from '../_golden.ts';
import { RT_SCOPE } from '../route/constants.ts';
import { IFA_F, INFINITY_LIFE_TIME } from './constants.ts';
import { encodeAddressMessage } from './encode.ts';
import { addAddress, deleteAddress, listAddresses, replaceAddress } from './ops.ts';

useTimeLimit('netns');

interface IpAddrInfo {
  family: string;
  local: string;
  prefixlen: number;
  broadcast?: string;
  address?: string;
  label?: string;
  scope: string;
  valid_life_time: number;
  preferred_life_time: number;
  nodad?: boolean;
  noprefixroute?: boolean;
}

describe.skipIf(!canUseNetns())('addresses in a throwaway namespace', () => {
  let env: VethNetns | undefined;
  beforeEach(() => {
    env = createVethNetns();
  });
  afterEach(() => {
    env?.remove();
    env = undefined;
  });

  function setup(): VethNetns {
    if (env === undefined) throw new Error('no namespace');
    return env;
  }

  function ipAddrs(e: VethNetns, dev: string): IpAddrInfo[] {
    const [link] = e.ipJson(['addr', 'show', 'dev', dev]) as { addr_info: IpAddrInfo[] }[];
    return link?.addr_info ?? [];
  }

  /** How many RTM_NEWADDR messages the kernel sends for an IPv4 dump of one link. */
  function dumpedForLink(sock: NetlinkRequester, index: number): number {
    const payload = encodeAddressMessage({
      family: AF.INET,
      prefixLength: 0,
      flags: 0,
      scope: 0,
      index,
      attributes: [],
    });
    const replies = sock.request({
      op: 'RTM_GETADDR',
      type: RTM.GETADDR,
      flags: NLM_F.DUMP,
      payload,
    });
    return replies.filter((reply) => reply.type === RTM.NEWADDR).length;
  }

  test('a per-link lookup gets only that link from the kernel (strict checking), or filters', () => {
    const e = setup();
    addAddress(e.sock, { index: e.veth0, address: '10.2.0.1/24' });
    for (let i = 0; i < 400; i++) {
      addAddress(e.sock, { index: e.veth1, address: `10.3.${i >> 8}.${i & 255}/32` });
    }
    // openRouteSocket turns NETLINK_GET_STRICT_CHK on: the kernel applies the ifindex.
    expect(dumpedForLink(e.sock, e.veth0)).toBe(1);
    expect(
      listAddresses(e.sock, { index: e.veth0, family: AF.INET }).map((a) => a.address),
    ).toEqual(['10.2.0.1/24']);
    // A socket without it, as on a kernel before 4.20: the whole table comes, filtered here.
    using loose = new NetlinkSocket(openKernelTransport(NETLINK.ROUTE, { netns: e.ns.ns }));
    expect(dumpedForLink(loose, e.veth0)).toBeGreaterThanOrEqual(401);
    expect(listAddresses(loose, { index: e.veth0, family: AF.INET }).map((a) => a.address)).toEqual(
      ['10.2.0.1/24'],
    );
  });

  test('adds IPv4 with the computed broadcast, a label, a peer and noprefixroute', () => {
    const e = setup();
    addAddress(e.sock, { index: e.veth0, address: '10.1.2.3/24' });
    addAddress(e.sock, {
      index: e.veth0,
      address: '10.1.4.5/24',
      label: 'veth0:foo',
      flags: IFA_F.NOPREFIXROUTE,
      validLifetime: 300,
      preferredLifetime: 200,
    });
    addAddress(e.sock, { index: e.veth0, address: '10.1.5.1/32', peer: '10.1.5.2' });
    const fromIp = ipAddrs(e, 'veth0').filter((a) => a.family === 'inet');
    expect(fromIp.map((a) => [a.local, a.prefixlen, a.broadcast ?? null])).toEqual([
      ['10.1.2.3', 24, '10.1.2.255'],
      ['10.1.4.5', 24, '10.1.4.255'],
      ['10.1.5.1', 32, null],
    ]);
    expect(fromIp[1]).toMatchObject({ label: 'veth0:foo', noprefixroute: true });
    expect(fromIp[1]?.valid_life_time).toBeLessThanOrEqual(300);
    expect(fromIp[2]?.address).toBe('10.1.5.2');

    const listed = listAddresses(e.sock, { index: e.veth0, family: AF.INET });
    expect(listed.map((a) => [a.address, a.broadcast, a.peer, a.label])).toEqual([
      ['10.1.2.3/24', '10.1.2.255', undefined, 'veth0'],
      ['10.1.4.5/24', '10.1.4.255', undefined, 'veth0:foo'],
      ['10.1.5.1/32', undefined, '10.1.5.2', 'veth0'],
    ]);
    expect(listed[1]?.flags).toBe(IFA_F.NOPREFIXROUTE);
    expect(listed[1]?.preferredLifetime).toBeLessThanOrEqual(200);
    expect(listed[0]?.validLifetime).toBe(INFINITY_LIFE_TIME);
  });

  test('adds IPv6 with nodad, noprefixroute and lifetimes', () => {
    const e = setup();
    addAddress(e.sock, {
      index: e.veth0,
      address: 'fd00:2::2/64',
      flags: IFA_F.NODAD | IFA_F.NOPREFIXROUTE,
      validLifetime: 600,
      preferredLifetime: 300,
    });
    const [fromIp] = ipAddrs(e, 'veth0').filter((a) => a.local === 'fd00:2::2');
    expect(fromIp).toMatchObject({
      prefixlen: 64,
      nodad: true,
      noprefixroute: true,
      scope: 'global',
    });
    const [listed] = listAddresses(e.sock, { family: AF.INET6 }).filter((a) =>
      a.address.startsWith('fd00:2::2'),
    );
    expect(listed?.index).toBe(e.veth0);
    expect(listed?.scope).toBe(RT_SCOPE.UNIVERSE);
    expect((listed?.flags ?? 0) & (IFA_F.NODAD | IFA_F.NOPREFIXROUTE)).toBe(
      IFA_F.NODAD | IFA_F.NOPREFIXROUTE,
    );
    expect(listed?.validLifetime).toBeLessThanOrEqual(600);
    expect(listed?.validLifetime).toBeGreaterThan(300);
  });

  test('replace updates lifetimes in place; adding the same address again isExists', () => {
    const e = setup();
    addAddress(e.sock, { index: e.veth0, address: '10.1.2.3/24' });
    addAddress(e.sock, { index: e.veth0, address: 'fd00:1::2/64', flags: IFA_F.NODAD });
    for (const address of ['10.1.2.3/24', 'fd00:1::2/64']) {
      const error = thrown(() => addAddress(e.sock, { index: e.veth0, address }));
      expect(isExists(error)).toBe(true);
    }
    replaceAddress(e.sock, {
      index: e.veth0,
      address: '10.1.2.3/24',
      validLifetime: 100,
      preferredLifetime: 50,
    });
    replaceAddress(e.sock, {
      index: e.veth0,
      address: 'fd00:1::2/64',
      flags: IFA_F.NODAD,
      validLifetime: 100,
      preferredLifetime: 50,
    });
    const fromIp = ipAddrs(e, 'veth0').filter((a) => ['10.1.2.3', 'fd00:1::2'].includes(a.local));
    expect(fromIp).toHaveLength(2);
    for (const address of fromIp) {
      expect(address.valid_life_time).toBeLessThanOrEqual(100);
      expect(address.preferred_life_time).toBeLessThanOrEqual(50);
    }
  });

  test('deletes both families; deleting again isNotFound', () => {
    const e = setup();
    addAddress(e.sock, { index: e.veth0, address: '10.1.2.3/24' });
    addAddress(e.sock, { index: e.veth0, address: 'fd00:1::2/64', flags: IFA_F.NODAD });
    const listed = listAddresses(e.sock, { index: e.veth0 }).filter(
      (a) => a.scope === RT_SCOPE.UNIVERSE,
    );
    expect(listed).toHaveLength(2);
    for (const address of listed) deleteAddress(e.sock, address);
    expect(ipAddrs(e, 'veth0').filter((a) => a.scope === 'global')).toEqual([]);
    for (const address of ['10.1.2.3/24', 'fd00:1::2/64']) {
      const error = thrown(() => deleteAddress(e.sock, { index: e.veth0, address }));
      expect(isNotFound(error)).toBe(true);
    }
  });
});
