// Shared by the ptp namespace tests: configs, runs, and kernel-state snapshots that can be
// compared between our plugin and Go's (veth names, MACs and DAD flags taken out).
import type { TestNetns } from '@cni-ts/plugin-kit/testing';
import { ip, natByFamily, reservedAddresses, veths } from '../../test/_kernel-state.ts';
import {
  type PluginRun,
  type PluginWorld,
  type RunPluginOptions,
  runPlugin,
} from '../../test/_world.ts';

/** The §6.5 scenario: dual stack, ipMasq, mtu 1400, dns, default routes from IPAM. */
export function dualStackConfig(dataDir: string, extra: Record<string, unknown> = {}) {
  return {
    cniVersion: '1.0.0',
    name: 'ptp-net',
    type: 'ptp',
    ipMasq: true,
    mtu: 1400,
    dns: { nameservers: ['10.244.51.1'], search: ['pur.local'] },
    ipam: {
      type: 'host-local',
      dataDir,
      ranges: [[{ subnet: '10.244.51.0/24' }], [{ subnet: 'fd00:51::/64' }]],
      routes: [{ dst: '0.0.0.0/0' }, { dst: '::/0' }],
    },
    ...extra,
  };
}

/** Runs one command of a plugin in `world`'s host against its first container. */
export function run(
  world: PluginWorld,
  binDir: string,
  command: RunPluginOptions['command'],
  config: object,
  more: Partial<RunPluginOptions> = {},
): PluginRun {
  return runPlugin({
    binDir,
    type: 'ptp',
    command,
    config,
    host: world.host,
    netns: world.containers[0]?.path ?? '',
    containerId: 'cid-ptp',
    ...more,
  });
}

/** The host veths' names in a namespace. */
export function hostVeths(ns: TestNetns): string[] {
  return veths(ns).map((link) => link.ifname);
}

/** `ip -o addr` of a link without link-local addresses, lifetimes and DAD flags. */
function addresses(ns: TestNetns, dev: string): string[] {
  return ip(ns, '-o', 'addr', 'show', 'dev', dev)
    .filter((line) => !line.includes(' fe80:'))
    .map((line) =>
      line
        .replace(/\\.*$/, '')
        .replace(/^\d+: /, '')
        .replace(/ (tentative|nodad)/g, '')
        .trim(),
    );
}

/** What `ip link` says of a link that both plugins should agree on. */
function linkSummary(ns: TestNetns, dev: string): string {
  const line = ip(ns, '-o', 'link', 'show', 'dev', dev)[0] ?? '';
  const mtu = / mtu (\d+)/.exec(line)?.[1];
  const flags = /<([^>]*)>/.exec(line)?.[1];
  const kind = ns.exec(['ip', '-o', '-d', 'link', 'show', 'dev', dev]).includes(' veth ')
    ? 'veth'
    : 'other';
  return `flags=${flags} mtu=${mtu} kind=${kind}`;
}

/** The container's side of an attachment. */
export function containerState(ns: TestNetns, ifName = 'eth0') {
  return {
    link: linkSummary(ns, ifName),
    addresses: addresses(ns, ifName),
    routes4: ip(ns, '-4', 'route', 'show'),
    routes6: ip(ns, '-6', 'route', 'show'),
  };
}

/** The host's side: the one host veth's link, addresses and routes, its name replaced by VETH. */
export function hostState(ns: TestNetns) {
  const [veth = 'none', ...others] = hostVeths(ns);
  const anon = (text: string) => text.replaceAll(veth, 'VETH');
  return {
    veths: 1 + others.length,
    link: linkSummary(ns, veth),
    addresses: addresses(ns, veth).map(anon),
    routes4: ip(ns, '-4', 'route', 'show').map(anon),
    routes6: ip(ns, '-6', 'route', 'show').map(anon),
  };
}

/** The nat table rules (both families) without counters and headers. */
export function natRules(ns: TestNetns): string[] {
  return natByFamily(ns).flat();
}

/** The `CNI-…` chain names in the nat tables. */
export function natChains(ns: TestNetns): string[] {
  return natRules(ns)
    .filter((line) => line.startsWith(':CNI-'))
    .map((line) => line.slice(1).split(' ')[0] ?? '');
}

/** The addresses host-local holds for the network (reservation files). */
export function reservations(dataDir: string, network = 'ptp-net'): string[] {
  return reservedAddresses(dataDir, network);
}
