import { afterEach, describe, expect, test } from 'bun:test';
import { FakeExec } from '@cni-ts/libcni/testing';
import type { IpConfig100, Result100 } from '@cni-ts/spec-types';
import { AF } from '../netlink/codec/constants.ts';
import { listAddresses } from '../netlink/route/address/ops.ts';
import { getLink, listLinks } from '../netlink/route/link/ops.ts';
import { openRouteSocket } from '../netlink/socket/open-route-socket.ts';
import { contextFor } from '../testing/plugin-context.ts';
import { canUseNetns, createTestNetns, type TestNetns } from '../testing/test-netns.ts';
import { useTimeLimit } from '../testing/time-limits.ts';
import { addLinkPlugin, type LinkAddresses, optionalIpam } from './link-plugin-add.ts';

useTimeLimit('netns');

const IPS: IpConfig100[] = [{ address: '10.9.8.7/24', gateway: '10.9.8.1' }];
const CONFIG = { cniVersion: '1.1.0', name: 'n', type: 'x', ipam: { type: 'fake-ipam' } };

describe('optionalIpam', () => {
  test('no type is L2; a type is the IPAM plugin, with its options when given', () => {
    expect(optionalIpam('')).toEqual({ from: 'none' });
    expect(optionalIpam('host-local')).toEqual({ from: 'ipam', type: 'host-local' });
    const options = { resolve: () => undefined };
    expect(optionalIpam('static', options)).toEqual({ from: 'ipam', type: 'static', options });
  });
});

// A throwaway container namespace per test; the "link" is a veth eth0 (peer p0) made in it.
describe.skipIf(!canUseNetns())('addLinkPlugin (netns)', () => {
  const made: TestNetns[] = [];
  afterEach(() => {
    for (const ns of made.splice(0)) ns.remove();
  });

  async function add(addresses: LinkAddresses, more: { routes?: object[]; dns?: 'ipam' } = {}) {
    const ns = createTestNetns();
    made.push(ns);
    using sock = openRouteSocket({ netns: ns.ns });
    const notified: (readonly IpConfig100[])[] = [];
    const ctx = contextFor({ config: CONFIG, netns: ns.path });
    const outcome = await addLinkPlugin({
      ctx,
      container: { containerNetns: ns.ns, containerSock: sock },
      makeLink: () => {
        ns.exec(['ip', 'link', 'add', 'eth0', 'type', 'veth', 'peer', 'name', 'p0']);
        return getLink(sock, { name: 'eth0' });
      },
      addresses,
      dns: more.dns ?? { nameservers: ['10.0.0.53'] },
      beforeConfigure: (ips) => notified.push(ips),
    }).then(
      (result: Result100) => ({ result, error: undefined }),
      (error: unknown) => ({ result: undefined, error }),
    );
    const links = listLinks(sock).map((link) => link.name);
    const eth0 = links.includes('eth0') ? getLink(sock, { name: 'eth0' }) : undefined;
    const addresses4 =
      eth0 === undefined
        ? []
        : listAddresses(sock, { index: eth0.index, family: AF.INET }).map((a) => a.address);
    return { ns, outcome, links, eth0, addresses4, notified };
  }

  test('addresses of a result: the result built, notified, configured, up', async () => {
    const prev: Result100 = { cniVersion: '1.1.0', ips: IPS, routes: [{ dst: '10.7.0.0/16' }] };
    const { ns, outcome, eth0, addresses4, notified } = await add({ from: 'result', result: prev });
    expect(outcome.error).toBeUndefined();
    expect(outcome.result).toEqual({
      cniVersion: '1.1.0',
      interfaces: [{ name: 'eth0', mac: eth0?.mac ?? '', sandbox: ns.path }],
      ips: [{ ...IPS[0], interface: 0 } as IpConfig100],
      routes: [{ dst: '10.7.0.0/16' }],
      dns: { nameservers: ['10.0.0.53'] },
    });
    expect(notified).toEqual([[{ ...IPS[0], interface: 0 } as IpConfig100]]);
    expect(addresses4).toEqual(['10.9.8.7/24']);
  });

  test('no addresses: the link only brought up; the result has the dns and no IPs', async () => {
    const { ns, outcome, eth0, addresses4, notified } = await add({ from: 'none' });
    expect(outcome.result).toEqual({
      cniVersion: '1.1.0',
      interfaces: [{ name: 'eth0', mac: eth0?.mac ?? '', sandbox: ns.path }],
      dns: { nameservers: ['10.0.0.53'] },
    });
    expect((eth0?.flags ?? 0) & 1).toBe(1);
    expect(notified).toEqual([]);
    expect(addresses4).toEqual([]);
  });

  test("IPAM's dns when asked; an IPAM result without IPs fails, undoing link and IPAM", async () => {
    const exec = new FakeExec({
      plugins: { 'fake-ipam': { cniVersion: '1.1.0', ips: IPS, dns: { domain: 'ipam' } } },
    });
    const good = await add({ from: 'ipam', type: 'fake-ipam', options: { exec } }, { dns: 'ipam' });
    expect(good.outcome.result?.dns).toEqual({ domain: 'ipam' });
    const none = new FakeExec({ plugins: { 'fake-ipam': { cniVersion: '1.1.0' } } });
    const bad = await add({ from: 'ipam', type: 'fake-ipam', options: { exec: none } });
    expect(bad.outcome.error).toMatchObject({
      code: 999,
      msg: 'IPAM plugin returned missing IP config',
    });
    expect(none.commands()).toEqual(['ADD fake-ipam', 'DEL fake-ipam']);
    expect(bad.links).toEqual(['lo']);
  });

  test('a failing configureInterface deletes the link again and rethrows', async () => {
    const prev: Result100 = {
      cniVersion: '1.1.0',
      ips: IPS,
      routes: [{ dst: '10.99.0.0/16', gw: '10.98.0.1' }],
    };
    const { outcome, links } = await add({ from: 'result', result: prev });
    expect(outcome.error).toBeDefined();
    expect(links).toEqual(['lo']);
  });
});
