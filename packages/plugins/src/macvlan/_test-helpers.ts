// Shared by the macvlan namespace tests: a world whose host has a veth pair to act as the
// master (m0, its peer m1 up so m0 has carrier), runs, and container state that can be
// compared between our plugin and Go's.
import type { TestNetns } from '@cni-ts/plugin-kit/testing';
import { ip, linkNamed, sysctl } from '../../test/_kernel-state.ts';
import { MASTER } from '../../test/_link-plugin-world.ts';
import {
  type PluginRun,
  type PluginWorld,
  type RunPluginOptions,
  runPlugin,
} from '../../test/_world.ts';

export { addMaster, linkNames, MASTER } from '../../test/_link-plugin-world.ts';

/** The §6.6 scenario: bridge mode, mtu 1400, static IPAM dual stack with routes and dns. */
export function staticConfig(extra: Record<string, unknown> = {}) {
  return {
    cniVersion: '1.0.0',
    name: 'mv-net',
    type: 'macvlan',
    master: MASTER,
    mode: 'bridge',
    mtu: 1400,
    ipam: {
      type: 'static',
      addresses: [
        { address: '192.168.77.10/24', gateway: '192.168.77.1' },
        { address: 'fd00:77::10/64', gateway: 'fd00:77::1' },
      ],
      routes: [{ dst: '0.0.0.0/0' }, { dst: '192.168.78.0/24', gw: '192.168.77.254' }],
      dns: { nameservers: ['192.168.77.53'], search: ['mv.example'] },
    },
    ...extra,
  };
}

/** A host-local config on 192.168.77.0/24 (for traffic and IPAM release tests). */
export function hostLocalConfig(dataDir: string, extra: Record<string, unknown> = {}) {
  return {
    cniVersion: '1.0.0',
    name: 'mv-net',
    type: 'macvlan',
    master: MASTER,
    ipam: { type: 'host-local', dataDir, subnet: '192.168.77.0/24' },
    ...extra,
  };
}

/** Runs one command of a plugin in `world`'s host against its n-th container. */
export function run(
  world: PluginWorld,
  binDir: string,
  command: RunPluginOptions['command'],
  config: object,
  more: Partial<RunPluginOptions> & { container?: number } = {},
): PluginRun {
  const { container = 0, ...rest } = more;
  return runPlugin({
    binDir,
    type: 'macvlan',
    command,
    config,
    host: world.host,
    netns: world.containers[container]?.path ?? '',
    containerId: `cid-mv${container}`,
    ...rest,
  });
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

/** What both plugins should agree on of a container's macvlan (its MAC aside). */
export function containerState(ns: TestNetns, ifName = 'eth0') {
  const link = linkNamed(ns, ifName);
  const data = link?.linkinfo?.info_data ?? {};
  return {
    kind: link?.linkinfo?.info_kind,
    mode: data.mode,
    bcqueuelen: data.bcqueuelen,
    flags: link?.flags,
    mtu: link?.mtu,
    txqlen: link?.txqlen,
    addresses: addresses(ns, ifName),
    routes4: ip(ns, '-4', 'route', 'show'),
    routes6: ip(ns, '-6', 'route', 'show').filter((line) => !line.startsWith('fe80:')),
    arpNotify: sysctl(ns, `net.ipv4.conf.${ifName}.arp_notify`),
  };
}

/** Pings `target` from a namespace, a few tries (the first may wait for ARP). */
export function ping(ns: TestNetns, target: string, tries = 3): boolean {
  for (let i = 0; i < tries; i++) {
    try {
      ns.exec(['ping', '-c', '1', '-W', '1', target]);
      return true;
    } catch {
      // try again
    }
  }
  return false;
}
