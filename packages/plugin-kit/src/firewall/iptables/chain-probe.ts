import type { IpFamily } from '@cni-ts/spec-types';
import { pathBasename } from '@cni-ts/spec-types';
import { listNftChains } from '../../netlink/netfilter/chain.ts';
import { realPath } from '../../sys/fs-stat.ts';
import type { FirewallExecOptions } from '../command-runner.ts';
import { withNftSocket } from '../nftables/nft-session.ts';
import { restoreTool } from './restore.ts';

// Whether an iptables chain exists, asked of the kernel instead of an iptables process.
// iptables-nft keeps its tables in nf_tables (family ip or ip6, table and chain names as
// iptables shows them), so one GETCHAIN dump over netlink answers what `iptables -S` would;
// iptables-legacy keeps them elsewhere, and then only the tool can tell.

/** True for the path of an iptables-nft executable (Debian: xtables-nft-multi). */
export function isIptablesNftPath(path: string): boolean {
  try {
    return pathBasename(realPath(path)).startsWith('xtables-nft');
  } catch {
    return false;
  }
}

const variants = new Map<string, boolean>();

/** True when `tool`, as PATH finds it, is iptables-nft (remembered per process). */
export function isIptablesNft(tool: string): boolean {
  let known = variants.get(tool);
  if (known === undefined) {
    const path = Bun.which(tool);
    known = path !== null && isIptablesNftPath(path);
    variants.set(tool, known);
  }
  return known;
}

/**
 * True only when the kernel shows that none of the iptables chains `chains` of `table`
 * exists for `family` (so that nothing in them, and no jump to them, can exist either),
 * from one listing of the table's chains. False when one exists and whenever the answer is
 * not certain: iptables-legacy, a test's command runner, or a netlink failure; the caller
 * then asks the tool as before.
 */
export function iptablesChainsAbsent(
  family: IpFamily,
  table: string,
  chains: readonly string[],
  options: FirewallExecOptions,
): boolean {
  if (options.runner !== undefined || !isIptablesNft(restoreTool(family))) return false;
  try {
    return withNftSocket(options, (sock) => {
      for (const found of listNftChains(sock, { family: family === 4 ? 'ip' : 'ip6', table })) {
        if (chains.includes(found.name)) return false;
      }
      return true;
    });
  } catch {
    return false;
  }
}
