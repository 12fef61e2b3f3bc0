import { goQuote, type IpFamily, parseIp } from '@cni-ts/spec-types';
import { formatChainNameWithPrefix } from '../../hash/chain-name.ts';
import type { MasqAddress } from '../masq-address.ts';
import type { PortMapEntry, PortMapTarget } from './portmap-types.ts';

// The iptables layout of upstream's portmap (reference-plugins.md §2.3, §6.7), table nat:
// three shared chains that are made once and never removed (the DNAT dispatcher jumped
// from PREROUTING and OUTPUT for local destinations, and, with snat, a chain that sets the
// masquerade mark and one that masquerades marked packets, jumped from the top of
// POSTROUTING), and per attachment a chain CNI-DN-<hash> with, per mapping, the mark rules
// for hairpin and localhost sources and the DNAT, entered from the dispatcher through
// multiport rules (15 ports each) commented with the network and container. Rules are
// written in the form `iptables -S` prints them back (`-m tcp` with `--dport`, `--dports`),
// which the kernel stores exactly as upstream's shorter spelling.

export const HOSTPORT_DNAT = 'CNI-HOSTPORT-DNAT';
export const HOSTPORT_SETMARK = 'CNI-HOSTPORT-SETMARK';
export const HOSTPORT_MASQ = 'CNI-HOSTPORT-MASQ';
export const SETMARK_COMMENT = 'CNI portfwd masquerade mark';
export const MASQ_COMMENT = 'CNI portfwd requiring masquerade';

/** Ports per multiport match (the kernel's limit). */
const MULTIPORT_MAX = 15;
/** The longest comment iptables takes. */
const MAX_COMMENT = 255;

/** A rule: the chain it sits in and the words after the chain name. */
export interface PortMapRule {
  readonly chain: string;
  readonly rule: readonly string[];
}

/** A jump into a chain from a built-in chain or the dispatcher, at its head or its end. */
export interface PortMapJump extends PortMapRule {
  readonly prepend: boolean;
}

/** A chain with its rules and the jumps that enter it. */
export interface PortMapChain {
  readonly name: string;
  readonly rules: readonly PortMapRule[];
  readonly jumps: readonly PortMapJump[];
}

/** The per-attachment chain: `CNI-DN-` + sha512(network + containerId), 28 characters. */
export function dnatChainName(network: string, containerId: string): string {
  return formatChainNameWithPrefix(network, containerId, 'DN-');
}

/** The legacy per-attachment SNAT chain of old upstream versions, removed on DEL. */
export function snatChainName(network: string, containerId: string): string {
  return formatChainNameWithPrefix(network, containerId, 'SN-');
}

/** `dnat name: "<net>" id: "<cid>"` (Go quoting), cut to 255 characters. */
export function dnatComment(network: string, containerId: string): string {
  return `dnat name: ${goQuote(network)} id: ${goQuote(containerId)}`.slice(0, MAX_COMMENT);
}

function markValue(bit: number): string {
  const mark = `0x${(2 ** bit).toString(16)}`;
  return `${mark}/${mark}`;
}

/** The chain that sets the masquerade mark. */
export function setMarkChain(bit: number): PortMapChain {
  const rule = ['-m', 'comment', '--comment', SETMARK_COMMENT, '-j', 'MARK'];
  return {
    name: HOSTPORT_SETMARK,
    rules: [{ chain: HOSTPORT_SETMARK, rule: [...rule, '--set-xmark', markValue(bit)] }],
    jumps: [],
  };
}

/** The chain that masquerades marked packets, jumped from the top of POSTROUTING. */
export function markMasqChain(bit: number): PortMapChain {
  const masq = ['-m', 'mark', '--mark', markValue(bit), '-j', 'MASQUERADE'];
  const jump = ['-m', 'comment', '--comment', MASQ_COMMENT, '-j', HOSTPORT_MASQ];
  return {
    name: HOSTPORT_MASQ,
    rules: [{ chain: HOSTPORT_MASQ, rule: masq }],
    jumps: [{ chain: 'POSTROUTING', rule: jump, prepend: true }],
  };
}

/** The dispatcher, jumped from PREROUTING and OUTPUT for packets to a local address. */
export function toplevelDnatChain(): PortMapChain {
  const rule = ['-m', 'addrtype', '--dst-type', 'LOCAL', '-j', HOSTPORT_DNAT];
  return {
    name: HOSTPORT_DNAT,
    rules: [],
    jumps: [
      { chain: 'PREROUTING', rule, prepend: false },
      { chain: 'OUTPUT', rule, prepend: false },
    ],
  };
}

/** The shared chains ADD ensures for a target, in upstream's order. */
export function sharedChains(target: PortMapTarget): PortMapChain[] {
  const mark =
    target.snat && target.externalSetMarkChain === undefined
      ? [setMarkChain(target.markMasqBit), markMasqChain(target.markMasqBit)]
      : [];
  return [...mark, toplevelDnatChain()];
}

/** The dispatcher's entry rules: per protocol (sorted), up to 15 host ports per rule. */
function entryRules(target: PortMapTarget, family: IpFamily, chain: string): PortMapJump[] {
  const comment = dnatComment(target.network, target.containerId);
  const byProto = new Map<string, string[]>();
  const protos: string[] = [];
  for (const entry of target.mappings) {
    const ports = byProto.get(entry.protocol);
    if (ports === undefined) {
      byProto.set(entry.protocol, [String(entry.hostPort)]);
      protos.push(entry.protocol);
    } else ports.push(String(entry.hostPort));
  }
  // sort() only when there is something to sort: an exec pays for a builtin's first call.
  if (protos.length > 1) protos.sort();
  const conditions = target.conditions?.[family] ?? [];
  const jumps: PortMapJump[] = [];
  for (const proto of protos) {
    const ports = byProto.get(proto) ?? [];
    for (let i = 0; i < ports.length; i += MULTIPORT_MAX) {
      const list = ports.slice(i, i + MULTIPORT_MAX).join(',');
      const rule = ['-m', 'comment', '--comment', comment, '-m', 'multiport', '-p', proto];
      jumps.push({
        chain: HOSTPORT_DNAT,
        rule: [...rule, '--dports', list, ...conditions, '-j', chain],
        prepend: false,
      });
    }
  }
  return jumps;
}

/**
 * The destination match a mapping gets in a family: `[]` for any host address, `['-d',
 * hostIP]`, or undefined when its hostIP is of the other family and it is skipped.
 */
export function mappingApplies(entry: PortMapEntry, family: IpFamily): string[] | undefined {
  if (entry.hostIP === undefined || entry.hostIP === '') return [];
  const ip = parseIp(entry.hostIP);
  if (ip === undefined) return [];
  if ((ip.length === 4 ? 4 : 6) !== family) return undefined;
  return ip.every((byte) => byte === 0) ? [] : ['-d', entry.hostIP];
}

function toDestination(address: MasqAddress, port: number): string {
  return address.family === 4 ? `${address.ip}:${port}` : `[${address.ip}]:${port}`;
}

/** The per-mapping rules: hairpin mark, localhost mark (v4), DNAT; in mapping order. */
function mappingRules(target: PortMapTarget, address: MasqAddress, chain: string): PortMapRule[] {
  const markChain = target.externalSetMarkChain ?? HOSTPORT_SETMARK;
  const rules: PortMapRule[] = [];
  for (const entry of target.mappings) {
    const dst = mappingApplies(entry, address.family);
    if (dst === undefined) continue;
    const port = ['-p', entry.protocol, '-m', entry.protocol, '--dport', String(entry.hostPort)];
    const base = [...port, ...dst];
    if (target.snat) {
      // masqAll's `-s 0.0.0.0/0` (`::/0`) matches anything: iptables stores no source.
      const source = target.masqAll ? [] : ['-s', address.cidr];
      rules.push({ chain, rule: [...base, ...source, '-j', markChain] });
      if (address.family === 4 && !target.masqAll) {
        rules.push({ chain, rule: [...base, '-s', '127.0.0.1', '-j', markChain] });
      }
    }
    const to = toDestination(address, entry.containerPort);
    rules.push({ chain, rule: [...base, '-j', 'DNAT', '--to-destination', to] });
  }
  return rules;
}

/** The attachment's chain for one container address. */
export function dnatChain(target: PortMapTarget, address: MasqAddress): PortMapChain {
  const name = dnatChainName(target.network, target.containerId);
  return {
    name,
    rules: mappingRules(target, address, name),
    jumps: entryRules(target, address.family, name),
  };
}
