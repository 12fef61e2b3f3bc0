// Test support for the route/ namespace tests (*.netns.test.ts; not exported from the
// package): a throwaway namespace with a veth pair and a route socket opened inside it.
// Everything happens in that namespace; `ip` runs only there (`ip netns exec`), to set up
// links and to cross-check kernel state.

import type { NetlinkSocket } from '../netlink/socket/netlink-socket.ts';
import { openRouteSocket } from '../netlink/socket/open-route-socket.ts';
import { createTestNetns, type TestNetns } from './test-netns.ts';

export interface VethNetns {
  readonly ns: TestNetns;
  readonly sock: NetlinkSocket;
  /** Index of veth0 (its peer is veth1), both up. */
  readonly veth0: number;
  readonly veth1: number;
  /** `ip -j <args>` inside the namespace, parsed. */
  ipJson(args: readonly string[]): unknown;
  /** `ip <args>` inside the namespace. */
  ip(args: readonly string[]): string;
  remove(): void;
}

function linkIndex(ns: TestNetns, name: string): number {
  const [link] = JSON.parse(ns.exec(['ip', '-j', 'link', 'show', 'dev', name])) as {
    ifindex: number;
  }[];
  if (link === undefined) throw new Error(`no link ${name}`);
  return link.ifindex;
}

/** A namespace with veth0/veth1 up and a route socket inside it. Remove it in afterEach. */
export function createVethNetns(): VethNetns {
  const ns = createTestNetns();
  try {
    ns.exec(['ip', 'link', 'add', 'veth0', 'type', 'veth', 'peer', 'name', 'veth1']);
    ns.exec(['ip', 'link', 'set', 'veth0', 'up']);
    ns.exec(['ip', 'link', 'set', 'veth1', 'up']);
    const sock = openRouteSocket({ netns: ns.ns });
    return {
      ns,
      sock,
      veth0: linkIndex(ns, 'veth0'),
      veth1: linkIndex(ns, 'veth1'),
      ipJson: (args) => JSON.parse(ns.exec(['ip', '-j', ...args])),
      ip: (args) => ns.exec(['ip', ...args]),
      remove() {
        sock.close();
        ns.remove();
      },
    };
  } catch (error) {
    ns.remove();
    throw error;
  }
}
