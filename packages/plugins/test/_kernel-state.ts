// Readers of what plugins leave in a throwaway namespace — links, sysctls, nat rules, nft
// tables — and in host-local's store, shared by the root-only tests (tests may run `ip`,
// `iptables-save` and `nft`; plugin code never does).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { TestNetns } from '@cni-ts/plugin-kit/testing';

/** The non-empty lines of a command's output, trailing blanks trimmed. */
export function lines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line !== '');
}

/** Runs `ip …` in a namespace; lines, trimmed. */
export function ip(ns: TestNetns, ...argv: string[]): string[] {
  return lines(ns.exec(['ip', ...argv]));
}

/** One link as `ip -j -d link show` describes it. */
export interface IpLink {
  readonly ifname: string;
  readonly address?: string;
  readonly mtu?: number;
  readonly txqlen?: number;
  readonly flags?: readonly string[];
  readonly operstate?: string;
  readonly master?: string;
  readonly promiscuity?: number;
  readonly linkinfo?: {
    readonly info_kind?: string;
    readonly info_slave_kind?: string;
    readonly info_slave_data?: Readonly<Record<string, unknown>>;
    readonly info_data?: Readonly<Record<string, unknown>>;
  };
}

/** The links of a namespace, `ip -j -d link show`. */
export function links(ns: TestNetns): IpLink[] {
  return JSON.parse(ns.exec(['ip', '-j', '-d', 'link', 'show'])) as IpLink[];
}

/** One link by name, or undefined. */
export function linkNamed(ns: TestNetns, name: string): IpLink | undefined {
  return links(ns).find((link) => link.ifname === name);
}

/** The veths of a namespace (a host namespace's are the plugins' host ends). */
export function veths(ns: TestNetns): IpLink[] {
  return links(ns).filter((link) => link.linkinfo?.info_kind === 'veth');
}

/** A sysctl's value inside a namespace. */
export function sysctl(ns: TestNetns, name: string): string {
  return ns.exec(['sysctl', '-n', name]).trim();
}

/**
 * The nat table of each family (`iptables-save`, `ip6tables-save`): its rules and its
 * user-defined chains, without the built-in chains' policies and counters, and comments.
 */
export function natByFamily(ns: TestNetns): [v4: string[], v6: string[]] {
  const [v4 = [], v6 = []] = ['iptables-save', 'ip6tables-save'].map((tool) =>
    lines(ns.exec([tool, '-t', 'nat'])).filter(
      (line) => line.startsWith('-A') || (line.startsWith(':') && !line.includes('ACCEPT')),
    ),
  );
  return [v4, v6];
}

/** `nft list ruleset` of a namespace. */
export function nftRuleset(ns: TestNetns): string {
  return ns.exec(['nft', 'list', 'ruleset']);
}

/** The nftables masquerade rules (`ip saddr … masquerade`) in a namespace. */
export function nftMasqRules(ns: TestNetns): string[] {
  let text: string;
  try {
    text = ns.exec(['nft', 'list', 'table', 'inet', 'cni_plugins_masquerade']);
  } catch {
    return [];
  }
  return lines(text)
    .map((line) => line.trim())
    .filter((line) => line.includes('saddr') && line.includes('masquerade'));
}

/** The files of host-local's network directory (reservations, last_reserved_ip.*, lock), sorted. */
export function hostLocalFiles(dataDir: string, network: string): string[] {
  try {
    return readdirSync(join(dataDir, network)).sort();
  } catch {
    return [];
  }
}

/** The reservation files only (addresses), without last_reserved_ip.* and lock. */
export function reservedAddresses(dataDir: string, network: string): string[] {
  return hostLocalFiles(dataDir, network).filter(
    (file) => file !== 'lock' && !file.startsWith('last_reserved_ip'),
  );
}

/**
 * What masquerading a plugin left in a namespace: nat rules and `CNI-…` chains of both
 * families (iptables backend) and nftables masquerade rules (nftables backend).
 */
export function masqueradeLeftovers(ns: TestNetns): string[] {
  const nat = natByFamily(ns)
    .flat()
    .filter((line) => line.includes('MASQUERADE') || line.includes('CNI-'));
  return [...nat, ...nftMasqRules(ns)];
}
