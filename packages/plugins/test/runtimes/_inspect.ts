// Reading a throwaway namespace's state with the ip, iptables and nft commands (tests may
// run them; plugin code never does).
import type { TestNetns } from '@cni-ts/plugin-kit/testing';

function inNetns(ns: TestNetns, argv: readonly string[]): string {
  const done = Bun.spawnSync(['ip', 'netns', 'exec', ns.name, ...argv], {
    stdout: 'pipe',
    stderr: 'pipe',
  });
  return done.exitCode === 0 ? done.stdout.toString() : '';
}

/** The link names in a namespace (without the @peer suffix). */
export function linkNames(ns: TestNetns): string[] {
  return inNetns(ns, ['ip', '-o', 'link', 'show'])
    .split('\n')
    .map((line) => /^\d+: ([^:@\s]+)/.exec(line)?.[1])
    .filter((name): name is string => name !== undefined);
}

/** `ip -o link show <name>` in a namespace, "" when the link does not exist. */
export function linkLine(ns: TestNetns, name: string): string {
  return inNetns(ns, ['ip', '-o', 'link', 'show', 'dev', name]);
}

/** The link's flags (`UP`, `LOOPBACK`, ...), empty when the link does not exist. */
export function linkFlags(ns: TestNetns, name: string): string[] {
  return /<([^>]*)>/.exec(linkLine(ns, name))?.[1]?.split(',') ?? [];
}

/** The link's MAC address, or undefined when the link does not exist. */
export function linkMac(ns: TestNetns, name: string): string | undefined {
  return /link\/ether ([0-9a-f:]{17})/.exec(linkLine(ns, name))?.[1];
}

/** The IPv4 addresses (CIDR text) on a link. */
export function ipv4Addresses(ns: TestNetns, name: string): string[] {
  return [
    ...inNetns(ns, ['ip', '-o', '-4', 'address', 'show', 'dev', name]).matchAll(/inet (\S+)/g),
  ]
    .map((match) => match[1])
    .filter((cidr): cidr is string => cidr !== undefined);
}

/** Every NAT rule of both firewall front ends (iptables and nftables) in a namespace. */
export function natRules(ns: TestNetns): string {
  return [
    inNetns(ns, ['iptables-save', '-t', 'nat']),
    inNetns(ns, ['ip6tables-save', '-t', 'nat']),
    inNetns(ns, ['nft', 'list', 'ruleset']),
  ].join('\n');
}

/** The filter table's rules (iptables-save -t filter) in a namespace. */
export function filterRules(ns: TestNetns): string {
  return inNetns(ns, ['iptables-save', '-t', 'filter']);
}

/** The qdiscs of a link, as `tc qdisc show dev NAME` prints them. */
export function qdiscs(ns: TestNetns, name: string): string {
  return inNetns(ns, ['tc', 'qdisc', 'show', 'dev', name]);
}
