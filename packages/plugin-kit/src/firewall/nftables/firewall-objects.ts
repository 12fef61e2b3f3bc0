import { NftBatch } from '../../netlink/netfilter/batch.ts';
import { NF_INET } from '../../netlink/netfilter/constants.ts';
import { NF_CT_STATE } from '../../netlink/netfilter/expr/ct.ts';
import type { NftExpr } from '../../netlink/netfilter/expr/types.ts';
import { ctStateIn, ifnameIs, ipMatch, verdict } from '../../netlink/netfilter/match.ts';
import type { IsolatingPolicy } from '../iptables/cni-firewall-rules.ts';

// The firewall plugin's nftables layout (upstream has none; its PR #462 was closed): the
// iptables layout's semantics in a table of its own, so nothing else's rules are touched.
//
//   table inet cni_plugins_firewall {
//     chain forward { type filter hook forward priority filter; policy accept;
//       jump isolation_stage_1; jump cni_forward }
//     chain cni_forward { jump <admin>;
//       ip daddr IP ct state established,related accept comment "<attachment>"
//       ip saddr IP accept comment "<attachment>" }            (ip6 alike)
//     chain <admin> { }                                       (iptablesAdminChainName)
//     chain isolation_stage_1 { [iifname BR oifname BR drop]   (isolated)
//       iifname BR oifname != BR jump isolation_stage_2 }
//     chain isolation_stage_2 { oifname BR drop }
//   }
//
// The attachment comment is ipmasq's (`<sha512(net)[:16]>-<sha512(if:id)[:16]>, net: …`),
// so DEL and GC find an attachment's rules without any state of their own.

export const NFT_FIREWALL = {
  FAMILY: 'inet',
  TABLE: 'cni_plugins_firewall',
  TABLE_COMMENT: 'CNI firewall plugin rules',
  FORWARD: 'forward',
  CNI_FORWARD: 'cni_forward',
  STAGE_1: 'isolation_stage_1',
  STAGE_2: 'isolation_stage_2',
  /** "filter" in the inet family. */
  FILTER_PRIORITY: 0,
} as const;

export const FIREWALL_TABLE = { family: NFT_FIREWALL.FAMILY, table: NFT_FIREWALL.TABLE } as const;

/** One address of an attachment: the bare address and its family. */
export interface FirewallAddress {
  readonly ip: string;
  readonly family: 4 | 6;
}

/** The two accept rules of one address. */
export function addressRuleExprs(address: FirewallAddress): NftExpr[][] {
  return [
    [
      ...ipMatch({ field: 'daddr', address: address.ip, op: 'eq' }),
      ...ctStateIn(NF_CT_STATE.ESTABLISHED | NF_CT_STATE.RELATED),
      verdict({ code: 'accept' }),
    ],
    [...ipMatch({ field: 'saddr', address: address.ip, op: 'eq' }), verdict({ code: 'accept' })],
  ];
}

export function jumpTo(chain: string): NftExpr[] {
  return [verdict({ code: 'jump', chain })];
}

/** An isolation rule: which chain, its expressions and its comment. */
export interface IsolationRule {
  readonly chain: string;
  readonly exprs: NftExpr[];
  readonly comment: string;
}

/** The isolation rules of a bridge, in the order they are inserted at their chain's head. */
export function isolationRules(bridge: string, policy: IsolatingPolicy): IsolationRule[] {
  const comment = `CNI firewall plugin rules (ingressPolicy: ${policy})`;
  const rules: IsolationRule[] = [
    {
      chain: NFT_FIREWALL.STAGE_1,
      exprs: [
        ...ifnameIs('iifname', bridge),
        ...ifnameIs('oifname', bridge, 'neq'),
        ...jumpTo(NFT_FIREWALL.STAGE_2),
      ],
      comment,
    },
  ];
  if (policy === 'isolated') {
    rules.push({
      chain: NFT_FIREWALL.STAGE_1,
      exprs: [
        ...ifnameIs('iifname', bridge),
        ...ifnameIs('oifname', bridge),
        verdict({ code: 'drop' }),
      ],
      comment,
    });
  }
  rules.push({
    chain: NFT_FIREWALL.STAGE_2,
    exprs: [...ifnameIs('oifname', bridge), verdict({ code: 'drop' })],
    comment,
  });
  return rules;
}

/** The table and its chains (kept when present), and the base chain's two jumps rewritten. */
export function firewallSkeleton(adminChain: string): NftBatch {
  const batch = new NftBatch()
    .addTable({
      family: FIREWALL_TABLE.family,
      name: FIREWALL_TABLE.table,
      comment: NFT_FIREWALL.TABLE_COMMENT,
    })
    .addChain({
      ...FIREWALL_TABLE,
      name: NFT_FIREWALL.FORWARD,
      type: 'filter',
      hook: { hooknum: NF_INET.FORWARD, priority: NFT_FIREWALL.FILTER_PRIORITY },
      policy: 'accept',
    });
  for (const name of [
    NFT_FIREWALL.CNI_FORWARD,
    adminChain,
    NFT_FIREWALL.STAGE_1,
    NFT_FIREWALL.STAGE_2,
  ]) {
    batch.addChain({ ...FIREWALL_TABLE, name });
  }
  batch.flushChain({ ...FIREWALL_TABLE, name: NFT_FIREWALL.FORWARD });
  for (const chain of [NFT_FIREWALL.STAGE_1, NFT_FIREWALL.CNI_FORWARD]) {
    batch.addRule({ ...FIREWALL_TABLE, chain: NFT_FIREWALL.FORWARD, exprs: jumpTo(chain) });
  }
  return batch;
}
