// Shared by the tuning namespace tests: a ptp + host-local attachment to tune (the chain a
// runtime builds: tuning needs the previous result), tuning runs, and the state tuning
// changes (link attributes, sysctls, the backup file).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestNetns } from '@cni-ts/plugin-kit/testing';
import { chainedRunner, ptpAttachment } from '../../test/_chained-attachment.ts';
import { linkNamed, sysctl } from '../../test/_kernel-state.ts';
import type { PluginWorld } from '../../test/_world.ts';

export const CONTAINER_ID = 'cid-tuning';

const runner = chainedRunner(CONTAINER_ID);

/** The attachment to tune: ptp with host-local, IPv4. */
export function ptpConfig(world: PluginWorld, cniVersion = '1.0.0') {
  return ptpAttachment(world, 'tuning-net', cniVersion, {
    subnet: '10.244.60.0/24',
    routes: [{ dst: '0.0.0.0/0' }],
  });
}

/** Runs a plugin of `binDir` in the world's host against its first container. */
export const run = runner.run;

/** ptp ADD in the world; returns its result, the prevResult for tuning. */
export function attach(world: PluginWorld, binDir: string, cniVersion = '1.0.0'): unknown {
  return runner.attach(world, binDir, ptpConfig(world, cniVersion));
}

/** A tuning config with the world's data directory and the given keys and prevResult. */
export function tuningConfig(
  world: PluginWorld,
  keys: Record<string, unknown>,
  prevResult?: unknown,
  cniVersion = '1.0.0',
): Record<string, unknown> {
  return {
    cniVersion,
    name: 'tuning-net',
    type: 'tuning',
    dataDir: backupDir(world),
    ...keys,
    ...(prevResult === undefined ? {} : { prevResult }),
  };
}

/** Where the world's backups go. */
export function backupDir(world: PluginWorld): string {
  return join(world.dir, 'tuning');
}

/** The backup files of the world, name → text. */
export function backups(world: PluginWorld): Record<string, string> {
  let names: string[];
  try {
    names = readdirSync(backupDir(world)).sort();
  } catch {
    return {};
  }
  return Object.fromEntries(
    names.map((name) => [name, readFileSync(join(backupDir(world), name), 'utf8')]),
  );
}

/** What tuning can change on a link, as `ip -j -d link` shows it. */
export interface LinkAttributes {
  readonly mac: string;
  readonly mtu: number;
  readonly promisc: boolean;
  readonly allmulti: boolean;
  readonly promiscuity: number;
  readonly txqlen: number;
}

interface IpLinkDetail {
  readonly address?: string;
  readonly mtu?: number;
  readonly flags?: readonly string[];
  readonly promiscuity?: number;
  readonly txqlen?: number;
}

/** The attributes of the container's eth0. */
export function linkAttributes(ns: TestNetns, name = 'eth0'): LinkAttributes {
  const link = linkNamed(ns, name) as IpLinkDetail | undefined;
  if (link === undefined) throw new Error(`no ${name}`);
  const flags = link.flags ?? [];
  return {
    mac: link.address ?? '',
    mtu: link.mtu ?? 0,
    promisc: flags.includes('PROMISC'),
    allmulti: flags.includes('ALLMULTI'),
    promiscuity: link.promiscuity ?? 0,
    txqlen: link.txqlen ?? 0,
  };
}

/** The sysctls the tests set, read in the container. */
export function sysctls(ns: TestNetns): Record<string, string> {
  const names = [
    'net.ipv4.conf.eth0.arp_filter',
    'net.core.somaxconn',
    'net.ipv4.conf.eth0.rp_filter',
  ];
  return Object.fromEntries(names.map((name) => [name, sysctl(ns, name)]));
}

/** The MAC the previous result gives the container's eth0. */
export function prevMac(prevResult: unknown): string {
  const result = prevResult as { interfaces?: { name: string; mac?: string; sandbox?: string }[] };
  const intf = result.interfaces?.find((entry) => entry.name === 'eth0' && entry.sandbox);
  return intf?.mac ?? '';
}
