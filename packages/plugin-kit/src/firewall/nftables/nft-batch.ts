import type { IpFamily } from '@cni-ts/spec-types';
import { goQuote } from '@cni-ts/spec-types';
import { MULTICAST_NETWORK } from '../masq-address.ts';
import { NFT_MASQ } from './nft-names.ts';

// The text of the `nft -f -` batches, written line for line as knftables writes the
// transactions upstream's ipmasq code builds, so that `nft monitor` and a reviewer see the
// same commands. nft applies a batch atomically: all of it or none.

const TABLE_REF = `${NFT_MASQ.FAMILY} ${NFT_MASQ.TABLE}`;

/** One masquerade rule: traffic from `ip` to anywhere outside `network` is masqueraded. */
export interface NftMasqRule {
  readonly family: IpFamily;
  readonly ip: string;
  readonly network: string;
}

/** The match part of a masquerade rule, without the comment. */
export function masqRuleText(rule: NftMasqRule): string {
  const ip = rule.family === 4 ? 'ip' : 'ip6';
  return `${ip} saddr == ${rule.ip} ${ip} daddr != ${rule.network} masquerade`;
}

/** `delete rule … handle N` for each handle. */
export function deleteRuleLines(handles: readonly number[]): string[] {
  return handles.map((handle) => `delete rule ${TABLE_REF} ${NFT_MASQ.CHAIN} handle ${handle}`);
}

/**
 * The setup batch: make sure the table and both chains exist, rewrite the postrouting
 * chain (multicast returns, then goto masq_checks), delete the attachment's stale rules
 * and add one rule per address with the attachment's comment.
 */
export function masqSetupBatch(
  staleHandles: readonly number[],
  rules: readonly NftMasqRule[],
  comment: string,
): string {
  const lines = [
    `add table ${TABLE_REF} { comment ${goQuote(NFT_MASQ.TABLE_COMMENT)} ; }`,
    `add chain ${TABLE_REF} ${NFT_MASQ.CHAIN} { comment ${goQuote(NFT_MASQ.CHAIN_COMMENT)} ; }`,
    `add chain ${TABLE_REF} ${NFT_MASQ.POSTROUTING} { type nat hook postrouting priority ${NFT_MASQ.SRCNAT_PRIORITY} ; }`,
    `flush chain ${TABLE_REF} ${NFT_MASQ.POSTROUTING}`,
    `add rule ${TABLE_REF} ${NFT_MASQ.POSTROUTING} ip daddr == ${MULTICAST_NETWORK[4]}  return`,
    `add rule ${TABLE_REF} ${NFT_MASQ.POSTROUTING} ip6 daddr == ${MULTICAST_NETWORK[6]}  return`,
    `add rule ${TABLE_REF} ${NFT_MASQ.POSTROUTING} goto ${NFT_MASQ.CHAIN}`,
    ...deleteRuleLines(staleHandles),
    ...rules.map(
      (rule) =>
        `add rule ${TABLE_REF} ${NFT_MASQ.CHAIN} ${masqRuleText(rule)} comment ${goQuote(comment)}`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

/** A batch deleting the given rules of masq_checks. */
export function masqDeleteBatch(handles: readonly number[]): string {
  return `${deleteRuleLines(handles).join('\n')}\n`;
}
