// Root-only: link operations against the kernel, in throwaway namespaces made per test
// (never the machine's own). Kernel state is cross-checked with `ip` and `bridge`.
import { afterEach, beforeEach, describe, expect, test } from 'bun:test';
import { isExists, isNotFound } from '../../../errors/predicates.ts';
import { canUseNetns } from '../../../testing/test-netns.ts';
import { thrown } from '../../../testing/thrown.ts';
import { useTimeLimit } from '../../../testing/time-limits.ts';
import { getBridgePort, listBridgePorts, setBridgePort } from './bridge-port-ops.ts';
import { IFF } from './constants.ts';
import { createNetnsPair, type NetnsPair } from './fixtures/netns-pair.ts';
import { isLinkError } from './link-error.ts';
import { addLink, addLinkEcho, deleteLink, getLink, getVethPeerIndex, listLinks } from './ops.ts';
import {
  moveLinkToNetns,
  setLink,
  setLinkAlias,
  setLinkAllmulti,
  setLinkDown,
  setLinkMac,
  setLinkMaster,
  setLinkMtu,
  setLinkName,
  setLinkNoMaster,
  setLinkPromisc,
  setLinkTxQueueLen,
  setLinkUp,
} from './set-ops.ts';

useTimeLimit('netns');

describe.skipIf(!canUseNetns())('link operations in throwaway namespaces', () => {
  let env: NetnsPair;
  beforeEach(() => {
    env = createNetnsPair();
  });
  afterEach(() => {
    env.remove();
  });

  const vethPair = (name = 'veth0', peer = 'veth1'): number => {
    addLink(env.sockA, { name, kind: 'veth', peer: { name: peer } });
    return getLink(env.sockA, { name }).index;
  };

  test('veth: creates the peer straight inside a second namespace and finds it again', () => {
    addLink(env.sockA, {
      name: 'veth0',
      mac: '02:00:00:00:10:01',
      mtu: 1400,
      kind: 'veth',
      peer: { name: 'ceth0', mac: '02:00:00:00:10:02', mtu: 1400, netnsFd: env.b.ns.fd },
    });
    const host = getLink(env.sockA, { name: 'veth0' });
    const peer = getLink(env.sockB, { name: 'ceth0' });
    expect(host).toMatchObject({
      name: 'veth0',
      kind: 'veth',
      mtu: 1400,
      mac: '02:00:00:00:10:01',
    });
    expect(peer).toMatchObject({
      name: 'ceth0',
      kind: 'veth',
      mtu: 1400,
      mac: '02:00:00:00:10:02',
    });
    expect(host.netnsId).toBeDefined();
    expect(getVethPeerIndex(env.sockA, host.index)).toBe(peer.index);
    expect(getVethPeerIndex(env.sockB, peer.index)).toBe(host.index);
    expect(() => getLink(env.sockA, { name: 'ceth0' })).toThrow();
    expect(env.a.exec(['ip', '-d', 'link', 'show', 'veth0'])).toContain('veth');
    expect(env.b.exec(['ip', 'link', 'show', 'ceth0'])).toContain('02:00:00:00:10:02');
  });

  test('veth: addLinkEcho returns the end made in its namespace as a lookup would', () => {
    const echoed = addLinkEcho(env.sockA, {
      name: 'veth0',
      mac: '02:00:00:00:10:03',
      kind: 'veth',
      peer: { name: 'ceth0', netnsFd: env.b.ns.fd },
    });
    // This kernel (6.3 or later) echoes; an older one would answer undefined.
    const [major = 0, minor = 0] = (env.a.exec(['uname', '-r']).match(/^(\d+)\.(\d+)/) ?? [])
      .slice(1)
      .map(Number);
    if (major > 6 || (major === 6 && minor >= 3)) expect(echoed).toBeDefined();
    if (echoed !== undefined) {
      const read = getLink(env.sockA, { name: 'veth0' });
      for (const key of ['index', 'name', 'kind', 'mac', 'mtu', 'flags', 'netnsId'] as const) {
        expect(echoed[key]).toEqual(read[key]);
      }
    }
  });

  test('veth: listLinks sees both ends in one namespace, filters by kind, and deleteLink removes the pair', () => {
    const index = vethPair();
    const names = listLinks(env.sockA).map((link) => link.name);
    expect(names).toEqual(expect.arrayContaining(['lo', 'veth0', 'veth1']));
    expect(
      listLinks(env.sockA, { kind: 'veth' })
        .map((link) => link.name)
        .sort(),
    ).toEqual(['veth0', 'veth1']);
    expect(getLink(env.sockA, { index }).name).toBe('veth0');
    deleteLink(env.sockA, { index });
    expect(isNotFound(thrown(() => getLink(env.sockA, { name: 'veth0' })))).toBe(true);
    expect(isNotFound(thrown(() => getLink(env.sockA, { name: 'veth1' })))).toBe(true);
  });

  test('kernel errors come back as NetlinkErrors the predicates understand', () => {
    vethPair();
    expect(
      isExists(
        thrown(() => addLink(env.sockA, { name: 'veth0', kind: 'veth', peer: { name: 'x1' } })),
      ),
    ).toBe(true);
    expect(isNotFound(thrown(() => getLink(env.sockA, { name: 'nope0' })))).toBe(true);
    expect(isNotFound(thrown(() => getLink(env.sockA, { index: 999_999 })))).toBe(true);
    expect(isNotFound(thrown(() => deleteLink(env.sockA, { name: 'nope0' })))).toBe(true);
    const lo = getLink(env.sockA, { name: 'lo' });
    expect(isLinkError(thrown(() => getVethPeerIndex(env.sockA, lo.index)))).toBe(true);
  });

  test('bridge: settings given at creation read back from IFLA_INFO_DATA and from ip', () => {
    addLink(env.sockA, {
      name: 'br0',
      kind: 'bridge',
      forwardDelay: 400,
      helloTime: 300,
      ageingTime: 12000,
      stpState: 0,
      priority: 4096,
      mcastSnooping: false,
      groupFwdMask: 0,
    });
    const bridge = getLink(env.sockA, { name: 'br0' });
    expect(bridge.kind).toBe('bridge');
    expect(bridge.kindData).toMatchObject({
      kind: 'bridge',
      forwardDelay: 400,
      helloTime: 300,
      ageingTime: 12000,
      stpState: 0,
      priority: 4096,
      mcastSnooping: false,
      vlanFiltering: false,
    });
    const shown = env.a.exec(['ip', '-d', 'link', 'show', 'br0']);
    expect(shown).toContain('forward_delay 400');
    expect(shown).toContain('hello_time 300');
    expect(shown).toContain('ageing_time 12000');
    expect(shown).toContain('priority 4096');
    expect(shown).toContain('mcast_snooping 0');
    deleteLink(env.sockA, { name: 'br0' });
    expect(listLinks(env.sockA, { kind: 'bridge' })).toEqual([]);
  });

  test('macvlan: every mode on a veth parent, read back', () => {
    const parent = vethPair();
    for (const mode of ['private', 'vepa', 'bridge', 'passthru', 'source'] as const) {
      addLink(env.sockA, { name: 'mv0', parent, kind: 'macvlan', mode });
      const link = getLink(env.sockA, { name: 'mv0' });
      expect(link).toMatchObject({
        kind: 'macvlan',
        link: parent,
        kindData: { kind: 'macvlan', mode },
      });
      expect(env.a.exec(['ip', '-d', 'link', 'show', 'mv0'])).toContain(`macvlan mode ${mode}`);
      deleteLink(env.sockA, { index: link.index });
    }
    addLink(env.sockA, {
      name: 'mv1',
      parent,
      kind: 'macvlan',
      mode: 'passthru',
      flags: { noPromisc: true },
    });
    expect(getLink(env.sockA, { name: 'mv1' }).kindData).toMatchObject({
      kind: 'macvlan',
      mode: 'passthru',
      flags: { noPromisc: true },
    });
    deleteLink(env.sockA, { name: 'mv1' });
    addLink(env.sockA, { name: 'mv2', parent, kind: 'macvlan', mode: 'bridge', bcQueueLen: 100 });
    expect(getLink(env.sockA, { name: 'mv2' }).kindData).toMatchObject({
      mode: 'bridge',
      bcQueueLen: 100,
    });
  });

  test('ifb: create, read the kind back, delete', () => {
    addLink(env.sockA, { name: 'ifb0', kind: 'ifb' });
    expect(getLink(env.sockA, { name: 'ifb0' })).toMatchObject({
      kind: 'ifb',
      kindData: { kind: 'ifb' },
    });
    expect(env.a.exec(['ip', '-d', 'link', 'show', 'ifb0'])).toContain('ifb');
    deleteLink(env.sockA, { name: 'ifb0' });
    expect(isNotFound(thrown(() => getLink(env.sockA, { name: 'ifb0' })))).toBe(true);
  });

  test('vxlan: IPv4 and IPv6, read back with the port in host order', () => {
    const dev = vethPair();
    addLink(env.sockA, {
      name: 'vx0',
      kind: 'vxlan',
      dev,
      ttl: 64,
      id: 42,
      local: '10.1.1.1',
      remote: '10.1.1.2',
      learning: false,
      port: 4789,
    });
    expect(getLink(env.sockA, { name: 'vx0' }).kindData).toMatchObject({
      kind: 'vxlan',
      dev,
      ttl: 64,
      id: 42,
      local: '10.1.1.1',
      remote: '10.1.1.2',
      learning: false,
      port: 4789,
    });
    const shown = env.a.exec(['ip', '-d', 'link', 'show', 'vx0']);
    expect(shown).toContain('vxlan id 42 remote 10.1.1.2 local 10.1.1.1');
    expect(shown).toContain('dstport 4789');
    addLink(env.sockA, {
      name: 'vx6',
      kind: 'vxlan',
      id: 44,
      local: '2001:db8::1',
      remote: '2001:db8::2',
      port: 8472,
    });
    expect(getLink(env.sockA, { name: 'vx6' }).kindData).toMatchObject({
      id: 44,
      local: '2001:db8::1',
      remote: '2001:db8::2',
      port: 8472,
    });
    addLink(env.sockA, {
      name: 'vxg',
      kind: 'vxlan',
      dev,
      id: 43,
      remote: '239.1.1.1',
      port: 4789,
    });
    expect(env.a.exec(['ip', '-d', 'link', 'show', 'vxg'])).toContain('group 239.1.1.1');
  });

  test('set: up, down, mtu, mac, txqueuelen, promisc, allmulti, alias and name, cross-checked with ip', () => {
    const index = vethPair();
    setLinkMtu(env.sockA, index, 1400);
    setLinkMac(env.sockA, index, '02:00:00:00:20:01');
    setLinkTxQueueLen(env.sockA, index, 500);
    setLinkPromisc(env.sockA, index, true);
    setLinkAllmulti(env.sockA, index, true);
    setLinkAlias(env.sockA, index, 'cni-test');
    setLinkUp(env.sockA, index);
    let link = getLink(env.sockA, { index });
    expect(link).toMatchObject({
      mtu: 1400,
      mac: '02:00:00:00:20:01',
      txqlen: 500,
      alias: 'cni-test',
    });
    expect(link.flags & (IFF.UP | IFF.PROMISC | IFF.ALLMULTI)).toBe(
      IFF.UP | IFF.PROMISC | IFF.ALLMULTI,
    );
    const shown = env.a.exec(['ip', 'link', 'show', 'veth0']);
    for (const text of [
      'mtu 1400',
      'qlen 500',
      'PROMISC',
      'ALLMULTI',
      ',UP',
      '02:00:00:00:20:01',
      'alias cni-test',
    ]) {
      expect(shown).toContain(text);
    }
    setLinkDown(env.sockA, index);
    setLinkPromisc(env.sockA, index, false);
    setLinkAllmulti(env.sockA, index, false);
    setLinkName(env.sockA, index, 'veth9');
    link = getLink(env.sockA, { index });
    expect(link.name).toBe('veth9');
    expect(link.flags & (IFF.UP | IFF.PROMISC | IFF.ALLMULTI)).toBe(0);
    expect(env.a.exec(['ip', 'link', 'show', 'veth9'])).not.toContain('PROMISC');
    setLink(env.sockA, index, { mtu: 1300, txqlen: 700, up: true });
    expect(getLink(env.sockA, { index })).toMatchObject({ mtu: 1300, txqlen: 700 });
  });

  test('master and nomaster put a veth on a bridge and take it off', () => {
    const port = vethPair();
    addLink(env.sockA, { name: 'br0', kind: 'bridge' });
    const bridge = getLink(env.sockA, { name: 'br0' });
    setLinkMaster(env.sockA, port, bridge.index);
    const enslaved = getLink(env.sockA, { index: port });
    expect(enslaved).toMatchObject({ master: bridge.index, slaveKind: 'bridge' });
    expect(enslaved.slaveData).toMatchObject({ kind: 'bridge', hairpin: false });
    expect(listLinks(env.sockA, { master: bridge.index }).map((link) => link.name)).toEqual([
      'veth0',
    ]);
    expect(env.a.exec(['ip', 'link', 'show', 'veth0'])).toContain('master br0');
    setLinkNoMaster(env.sockA, port);
    const freed = getLink(env.sockA, { index: port });
    expect(freed.master).toBeUndefined();
    expect(freed.slaveKind).toBeUndefined();
  });

  test('moveLinkToNetns moves one end by namespace fd', () => {
    vethPair('veth0', 'veth1');
    const peer = getLink(env.sockA, { name: 'veth1' });
    moveLinkToNetns(env.sockA, peer.index, env.b.ns.fd);
    expect(isNotFound(thrown(() => getLink(env.sockA, { name: 'veth1' })))).toBe(true);
    const moved = getLink(env.sockB, { name: 'veth1' });
    expect(moved.kind).toBe('veth');
    expect(getVethPeerIndex(env.sockB, moved.index)).toBe(
      getLink(env.sockA, { name: 'veth0' }).index,
    );
    expect(env.b.exec(['ip', 'link', 'show', 'veth1'])).toContain('veth1');
  });

  test('bridge ports: hairpin, isolation and learning set through AF_BRIDGE and read back', () => {
    const port = vethPair();
    addLink(env.sockA, { name: 'br0', kind: 'bridge' });
    setLinkMaster(env.sockA, port, getLink(env.sockA, { name: 'br0' }).index);
    setBridgePort(env.sockA, port, { hairpin: true, isolated: true, learning: false });
    expect(getBridgePort(env.sockA, port)).toMatchObject({
      hairpin: true,
      isolated: true,
      learning: false,
    });
    expect(getLink(env.sockA, { index: port }).slaveData).toMatchObject({
      hairpin: true,
      isolated: true,
      learning: false,
    });
    expect(listBridgePorts(env.sockA).map((link) => link.name)).toEqual(['veth0']);
    const shown = env.a.exec(['bridge', '-d', 'link', 'show', 'dev', 'veth0']);
    expect(shown).toContain('hairpin on');
    expect(shown).toContain('isolated on');
    expect(shown).toContain('learning off');
    setBridgePort(env.sockA, port, { hairpin: false, isolated: false, cost: 10, priority: 5 });
    expect(getBridgePort(env.sockA, port)).toMatchObject({
      hairpin: false,
      isolated: false,
      cost: 10,
      priority: 5,
    });
    expect(env.a.exec(['bridge', '-d', 'link', 'show', 'dev', 'veth0'])).toContain('hairpin off');
  });
});
