import type { IpFamily } from '@cni-ts/spec-types';
import { formatChainName } from '../../hash/chain-name.ts';
import { formatComment, parseComment } from '../../hash/comment.ts';
import type { FirewallExecOptions } from '../command-runner.ts';
import { isFirewallNotFound, isFirewallToolMissing } from '../firewall-error.ts';
import type { IpMasqAttachment, IpMasqDriver, IpMasqTarget } from '../ipmasq-types.ts';
import { type MasqAddress, MULTICAST_NETWORK, parseMasqAddress } from '../masq-address.ts';
import {
  appendUnique,
  deleteRuleIfExists,
  ensureChain,
  listRules,
  removeChain,
  ruleExists,
} from './iptables.ts';
import { IPTABLES_OP, iptablesArgs, iptablesTool } from './iptables-args.ts';
import { type RuleLine, ruleOption } from './rule-line.ts';

// The iptables masquerade layout upstream has used since 2015 (reference-plugins.md §4, §6.4):
// per (network, container) a chain CNI-<sha512(network+id)[:24]> in table nat holding
//   -d <subnet> -j ACCEPT   and   ! -d 224.0.0.0/4|ff00::/8 -j MASQUERADE
// and per address a jump from POSTROUTING: -s <ip> -j <chain>, every rule commented
// `name: "<network>" id: "<containerId>"`. The interface name plays no part.

const NAT = 'nat';
const POSTROUTING = 'POSTROUTING';
const FAMILIES: readonly IpFamily[] = [4, 6];

function commentArgs(comment: string): string[] {
  return ['-m', 'comment', '--comment', comment];
}

/** The three rules for one address, in go-iptables' argument order. */
export function ipMasqIptablesRules(
  address: MasqAddress,
  chain: string,
  comment: string,
): { chain: string; rule: string[] }[] {
  return [
    { chain, rule: ['-d', address.cidr, '-j', 'ACCEPT', ...commentArgs(comment)] },
    {
      chain,
      rule: [
        '!',
        '-d',
        MULTICAST_NETWORK[address.family],
        '-j',
        'MASQUERADE',
        ...commentArgs(comment),
      ],
    },
    { chain: POSTROUTING, rule: ['-s', address.ip, '-j', chain, ...commentArgs(comment)] },
  ];
}

function byFamily(addresses: readonly string[]): Map<IpFamily, MasqAddress[]> {
  const families = new Map<IpFamily, MasqAddress[]>();
  for (const text of addresses) {
    const address = parseMasqAddress(text);
    families.set(address.family, [...(families.get(address.family) ?? []), address]);
  }
  return families;
}

function jumpsTo(line: RuleLine, chain: string): boolean {
  return line.op === '-A' && line.chain === POSTROUTING && ruleOption(line.rule, '-j') === chain;
}

function setup(target: IpMasqTarget, options: FirewallExecOptions): void {
  const chain = formatChainName(target.network, target.containerId);
  const comment = formatComment(target.network, target.containerId);
  for (const [family, addresses] of byFamily(target.addresses)) {
    ensureChain(family, NAT, chain, options);
    for (const address of addresses) {
      for (const step of ipMasqIptablesRules(address, chain, comment)) {
        appendUnique(family, NAT, step.chain, step.rule, options);
      }
    }
  }
}

/**
 * Removes every POSTROUTING jump to the chain (the `-s <ip>` form, upstream's legacy
 * `-s <ip/prefix>` form, and any other), then flushes and deletes the chain. Missing rules,
 * chains and tables are success.
 */
function teardownFamily(family: IpFamily, chain: string, options: FirewallExecOptions): void {
  let lines: RuleLine[];
  try {
    lines = listRules(family, NAT, POSTROUTING, options);
  } catch (error) {
    if (isFirewallNotFound(error)) return;
    throw error;
  }
  for (const line of lines) {
    if (jumpsTo(line, chain)) deleteRuleIfExists(family, NAT, POSTROUTING, line.rule, options);
  }
  removeChain(family, NAT, chain, options);
}

function teardown(target: IpMasqTarget, options: FirewallExecOptions): void {
  const chain = formatChainName(target.network, target.containerId);
  const given = [...byFamily(target.addresses).keys()];
  // No addresses (the container's namespace went before DEL and nothing was stored):
  // clean both families, since the chain name does not depend on the addresses.
  const families = given.length > 0 ? given : FAMILIES;
  for (const family of families) {
    try {
      teardownFamily(family, chain, options);
    } catch (error) {
      if (given.length > 0 || !isFirewallToolMissing(error)) throw error;
    }
  }
}

/**
 * The per-container chains in one family's nat table that belong to `network`: a chain is
 * recognised by a rule whose comment is `name: "<network>" id: "<id>"` and whose name is
 * formatChainName(network, id) (the rule may be the POSTROUTING jump or one inside the
 * chain, so a chain whose jump is already gone is found too). Map: chain → container id.
 */
export function networkChains(lines: readonly RuleLine[], network: string): Map<string, string> {
  const chains = new Map<string, string>();
  for (const line of lines) {
    if (line.op !== '-A') continue;
    const owner = parseComment(ruleOption(line.rule, '--comment') ?? '');
    if (owner === undefined || owner.name !== network) continue;
    const chain = formatChainName(owner.name, owner.id);
    const named = line.chain === POSTROUTING ? ruleOption(line.rule, '-j') : line.chain;
    if (named === chain) chains.set(chain, owner.id);
  }
  return chains;
}

/**
 * GC for iptables (upstream has none): a chain is stale when its container id is not among
 * the valid attachments' ids. The ifname is not part of the iptables naming, so an
 * attachment keeps its chain when any valid attachment has its container id.
 */
function gc(
  network: string,
  validAttachments: readonly IpMasqAttachment[],
  options: FirewallExecOptions,
): void {
  const valid = new Set(validAttachments.map((attachment) => attachment.containerId));
  for (const family of FAMILIES) {
    let lines: RuleLine[];
    try {
      lines = listRules(family, NAT, undefined, options);
    } catch (error) {
      if (isFirewallNotFound(error) || isFirewallToolMissing(error)) continue;
      throw error;
    }
    for (const [chain, id] of networkChains(lines, network)) {
      if (valid.has(id)) continue;
      for (const line of lines) {
        if (jumpsTo(line, chain)) deleteRuleIfExists(family, NAT, POSTROUTING, line.rule, options);
      }
      removeChain(family, NAT, chain, options);
    }
  }
}

function check(target: IpMasqTarget, options: FirewallExecOptions): string[] {
  const chain = formatChainName(target.network, target.containerId);
  const comment = formatComment(target.network, target.containerId);
  const missing: string[] = [];
  for (const [family, addresses] of byFamily(target.addresses)) {
    for (const address of addresses) {
      for (const step of ipMasqIptablesRules(address, chain, comment)) {
        if (!ruleExists(family, NAT, step.chain, step.rule, options)) {
          const args = iptablesArgs(NAT, IPTABLES_OP.CHECK, step.chain, step.rule);
          missing.push(`${iptablesTool(family)} ${args.join(' ')}`);
        }
      }
    }
  }
  return missing;
}

/** The iptables backend (iptables/ip6tables with --wait; -C tests, -S lists). */
export const ipMasqIptables: IpMasqDriver = { setup, teardown, gc, check };
