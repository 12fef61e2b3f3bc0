import { type IpFamily, parseIp } from '@cni-ts/spec-types';
import { isNotFound } from '../../errors/predicates.ts';
import { nla } from '../../netlink/codec/attributes.ts';
import { sameBytes } from '../../netlink/codec/hex.ts';
import { NftBatch } from '../../netlink/netfilter/batch.ts';
import { NFT_PAYLOAD_BASE } from '../../netlink/netfilter/expr/payload.ts';
import type { NftExpr } from '../../netlink/netfilter/expr/types.ts';
import { retryOnNewGeneration } from '../../netlink/netfilter/generation.ts';
import { listNftRules, type NftRule } from '../../netlink/netfilter/rule.ts';
import type { FirewallExecOptions } from '../command-runner.ts';
import { withNftSocket } from '../nftables/nft-session.ts';
import { isIptablesNft } from './chain-probe.ts';
import { CNI_FORWARD_CHAIN } from './cni-firewall-rules.ts';
import { restoreTool } from './restore.ts';

// The firewall's two per-address rules (cni-firewall-rules.ts) as iptables-nft keeps them
// in nf_tables, so that DEL can find and delete them over netlink instead of running
// iptables-restore. iptables-restore's deletion is its own transaction, and the tool then
// waits out an RCU grace period as it closes its socket (10-14 ms here, see
// release-nft-socket.ts); our socket is released without that wait.
//
// Only the exact encoding of iptables-nft 1.8 is recognised, as the kernel lists it:
//   -d ADDR/32 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
//     payload (network header, daddr) · cmp eq ADDR · match conntrack rev 3 · counter · accept
//   -s ADDR/32 -j ACCEPT
//     payload (network header, saddr) · cmp eq ADDR · counter · accept
// (IPv6 alike, with /128 and its offsets). A rule in any other form is not taken for one of
// ours; when iptables is not iptables-nft, or the kernel cannot be asked, the caller runs
// the tool as before.

/** Offsets of the source and destination address in the IPv4 and IPv6 headers. */
const ADDRESS_OFFSETS = { 4: { from: 12, to: 16 }, 6: { from: 8, to: 24 } } as const;

/** struct xt_conntrack_mtinfo3, XT_ALIGNed: 162 bytes of fields, 168 on the wire. */
const CONNTRACK_INFO_SIZE = 168;
const MATCH_FLAGS_OFFSET = 146;
const STATE_MASK_OFFSET = 150;
const XT_CONNTRACK_STATE = 0x1;
/** XT_CONNTRACK_STATE_BIT(IP_CT_ESTABLISHED) | XT_CONNTRACK_STATE_BIT(IP_CT_RELATED). */
const ESTABLISHED_RELATED = 0x2 | 0x4;

/** The NFTA_EXPR_DATA of iptables-nft's `-m conntrack --ctstate RELATED,ESTABLISHED`. */
function conntrackMatchData(): Uint8Array {
  const info = new Uint8Array(CONNTRACK_INFO_SIZE);
  const view = new DataView(info.buffer);
  // xtables structures are in host byte order: little-endian on every arch Bun runs on.
  view.setUint16(MATCH_FLAGS_OFFSET, XT_CONNTRACK_STATE, true);
  view.setUint16(STATE_MASK_OFFSET, ESTABLISHED_RELATED, true);
  const parts = [nla.string(1, 'conntrack'), nla.u32be(2, 3), nla.bytes(3, info)];
  let length = 0;
  for (const part of parts) length += part.length;
  const data = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    data.set(part, offset);
    offset += part.length;
  }
  return data;
}

let conntrackMatch: Uint8Array | undefined;

/** Which of the two rules. */
export type AddressRuleKind = 'established-to' | 'from';

function isAddressLoad(
  load: NftExpr | undefined,
  compare: NftExpr | undefined,
  offset: number,
  address: Uint8Array,
): boolean {
  return (
    load?.kind === 'payload' &&
    load.base === NFT_PAYLOAD_BASE.NETWORK_HEADER &&
    load.offset === offset &&
    load.len === address.length &&
    compare?.kind === 'cmp' &&
    compare.op === 'eq' &&
    compare.sreg === load.dreg &&
    sameBytes(compare.data, address)
  );
}

function isAccept(expr: NftExpr | undefined): boolean {
  return (
    expr?.kind === 'immediate' && 'verdict' in expr.data && expr.data.verdict.code === 'accept'
  );
}

/** True when `rule` is, in iptables-nft's encoding, the `kind` rule of `address`. */
export function isIptablesNftAddressRule(
  rule: NftRule,
  family: IpFamily,
  address: Uint8Array,
  kind: AddressRuleKind,
): boolean {
  const { exprs } = rule;
  if (kind === 'from') {
    return (
      exprs.length === 4 &&
      isAddressLoad(exprs[0], exprs[1], ADDRESS_OFFSETS[family].from, address) &&
      exprs[2]?.kind === 'counter' &&
      isAccept(exprs[3])
    );
  }
  const match = exprs[2];
  conntrackMatch ??= conntrackMatchData();
  return (
    exprs.length === 5 &&
    isAddressLoad(exprs[0], exprs[1], ADDRESS_OFFSETS[family].to, address) &&
    match?.kind === 'raw' &&
    match.name === 'match' &&
    sameBytes(match.data, conntrackMatch) &&
    exprs[3]?.kind === 'counter' &&
    isAccept(exprs[4])
  );
}

/** The address of a host prefix (`10.1.0.5/32`) in the family's length, or undefined. */
function addressBytes(family: IpFamily, cidr: string): Uint8Array | undefined {
  const slash = cidr.indexOf('/');
  const bytes = parseIp(slash < 0 ? cidr : cidr.slice(0, slash));
  if (bytes === undefined) return undefined;
  if (family === 6) return bytes.length === 16 ? bytes : undefined;
  return bytes.length === 4 ? bytes : bytes.length === 16 ? bytes.subarray(12) : undefined;
}

/**
 * Deletes the per-address rules of `cidrs` from CNI-FORWARD of iptables-nft's filter table
 * over netlink, the first rule of each as `iptables -D` would; without the table, the
 * chain or any rule in it there is nothing to delete. Returns false, having changed
 * nothing, when the tool has to do it: iptables is not iptables-nft, a test's command
 * runner is in use, one of the rules is not found in the encoding known here (gone, or
 * made by another iptables version), or the kernel could not be asked.
 */
export function deleteAddressRulesOverNetlink(
  family: IpFamily,
  cidrs: readonly string[],
  options: FirewallExecOptions,
): boolean {
  if (options.runner !== undefined || !isIptablesNft(restoreTool(family))) return false;
  const addresses: Uint8Array[] = [];
  for (const cidr of cidrs) {
    const bytes = addressBytes(family, cidr);
    if (bytes === undefined) return false;
    addresses.push(bytes);
  }
  const filter = { family: family === 4 ? 'ip' : 'ip6', table: 'filter' } as const;
  const chain = { ...filter, chain: CNI_FORWARD_CHAIN };
  try {
    withNftSocket(options, (sock) =>
      retryOnNewGeneration(sock, (genId) => {
        let rules: NftRule[];
        try {
          rules = listNftRules(sock, chain);
        } catch (error) {
          if (isNotFound(error)) return; // no table or chain: no rule to delete
          throw error;
        }
        // No rule at all (the dump of a missing table or chain is empty too): nothing to
        // delete, in whatever encoding.
        if (rules.length === 0) return;
        const batch = new NftBatch();
        const taken = new Set<number>();
        for (const address of addresses) {
          for (const kind of ['established-to', 'from'] as const) {
            let found = false;
            for (const rule of rules) {
              if (taken.has(rule.handle)) continue;
              if (!isIptablesNftAddressRule(rule, family, address, kind)) continue;
              taken.add(rule.handle);
              batch.deleteRule({ ...chain, handle: rule.handle });
              found = true;
              break;
            }
            // Gone, or kept in an encoding this does not know (another iptables version):
            // only the tool can tell, so it decides, and nothing is deleted here.
            if (!found) throw new ToolDecides();
          }
        }
        sock.commit(batch, { genId });
      }),
    );
  } catch {
    return false;
  }
  return true;
}

/** Thrown inside the transaction when the tool has to decide. */
class ToolDecides extends Error {}
