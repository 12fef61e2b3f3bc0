import type { IpFamily } from '@cni-ts/spec-types';
import { nla } from '../../netlink/codec/attributes.ts';
import { sameBytes } from '../../netlink/codec/hex.ts';
import { NftBatch } from '../../netlink/netfilter/batch.ts';
import { listNftChains } from '../../netlink/netfilter/chain.ts';
import { NFTA_VERDICT } from '../../netlink/netfilter/constants.ts';
import { retryOnNewGeneration } from '../../netlink/netfilter/generation.ts';
import { listedExprBytes, listNftRules } from '../../netlink/netfilter/rule.ts';
import type { FirewallExecOptions } from '../command-runner.ts';
import { withNftSocket } from '../nftables/nft-session.ts';
import { isIptablesNft } from './chain-probe.ts';
import { restoreTool } from './restore.ts';

// The masquerade teardown of ipmasq-iptables.ts over netlink where iptables is
// iptables-nft: the attachment's chain CNI-<hash> in table nat, and every rule that jumps
// to it (the POSTROUTING jumps, one per address), go in one transaction. A jump names its
// chain in its verdict, and the chain name is the attachment's own hash, so the jumps are
// found in the rules' listed bytes without decoding them. iptables-restore would do the
// same deletions in a process of its own, which then waits out an RCU grace period as it
// closes its socket (10-14 ms here); ours is released without that wait.

function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  const last = haystack.length - needle.length;
  const first = needle[0];
  for (let i = 0; i <= last; i++) {
    if (haystack[i] === first && sameBytes(haystack.subarray(i, i + needle.length), needle)) {
      return true;
    }
  }
  return false;
}

/**
 * Removes iptables chain `chain` of table nat and every jump to it, over netlink. Returns
 * 'absent' when the chain is not there (nothing to undo), 'deleted' when it was removed,
 * and undefined, having changed nothing, when the tool has to do it: iptables is not
 * iptables-nft, a test's command runner is in use, or the kernel could not be asked.
 */
export function teardownMasqChainOverNetlink(
  family: IpFamily,
  chain: string,
  options: FirewallExecOptions,
): 'absent' | 'deleted' | undefined {
  if (options.runner !== undefined || !isIptablesNft(restoreTool(family))) return undefined;
  const nat = { family: family === 4 ? 'ip' : 'ip6', table: 'nat' } as const;
  const jump = nla.string(NFTA_VERDICT.CHAIN, chain);
  try {
    let outcome: 'absent' | 'deleted' = 'absent';
    withNftSocket(options, (sock) =>
      retryOnNewGeneration(sock, (genId) => {
        outcome = 'absent';
        let present = false;
        for (const found of listNftChains(sock, nat)) if (found.name === chain) present = true;
        if (!present) return;
        const batch = new NftBatch();
        for (const rule of listNftRules(sock, nat)) {
          if (rule.chain === chain) continue;
          const bytes = listedExprBytes(rule);
          if (bytes !== undefined && contains(bytes, jump)) {
            batch.deleteRule({ ...nat, chain: rule.chain, handle: rule.handle });
          }
        }
        batch.flushChain({ ...nat, name: chain }).deleteChain({ ...nat, name: chain });
        sock.commit(batch, { genId });
        outcome = 'deleted';
      }),
    );
    return outcome;
  } catch {
    return undefined;
  }
}
