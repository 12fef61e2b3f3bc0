import { isNotFound } from '../errors/predicates.ts';
import { NftBatch } from '../netlink/netfilter/batch.ts';
import { isNftError } from '../netlink/netfilter/nft-error.ts';
import { type FirewallExecOptions, tryTool } from './command-runner.ts';
import { EXIT_TOOL_MISSING, type FirewallTool } from './firewall-error.ts';
import { UnknownIpMasqBackendError } from './ipmasq-errors.ts';
import { type IpMasqBackend, isIpMasqBackend } from './ipmasq-types.ts';
import { NFT_MASQ } from './nftables/nft-names.ts';
import { withNftSocket } from './nftables/nft-session.ts';

/**
 * True when netfilter can be driven through iptables (legacy or nft flavour) here: the
 * binary runs and may read a chain (`iptables -t filter -S INPUT 1 --wait`, the check
 * upstream's SupportsIPTables makes through go-iptables). Needs CAP_NET_ADMIN.
 */
export function supportsIptables(options: FirewallExecOptions = {}): boolean {
  return tryTool('iptables', IPTABLES_PROBE_ARGS, options).exitCode === 0;
}

/** The arguments of the iptables probe (upstream's SupportsIPTables check). */
export const IPTABLES_PROBE_ARGS: readonly string[] = [
  '-t',
  'filter',
  '-S',
  'INPUT',
  '1',
  '--wait',
];

/**
 * True when nftables can be driven here over netlink: the kernel accepts a transaction
 * creating the masquerade table (what knftables' `nft --check` probes). The probe batch
 * ends with the delete of a table handle that cannot exist, so the kernel refuses it at
 * that message and rolls the whole batch back: nothing is made. Needs CAP_NET_ADMIN.
 */
export function supportsNftables(options: FirewallExecOptions = {}): boolean {
  const probe = new NftBatch()
    .addTable({ family: NFT_MASQ.FAMILY, name: NFT_MASQ.TABLE })
    .deleteTable({ family: NFT_MASQ.FAMILY, name: '(probe)', handle: Number.MAX_SAFE_INTEGER });
  try {
    withNftSocket(options, (sock) => sock.commit(probe));
    return false; // cannot happen: no table has that handle
  } catch (error) {
    return isNftError(error) && error.index === 1 && isNotFound(error);
  }
}

/** True when the executable is installed (found on PATH), whether or not it may act. */
export function hasFirewallTool(tool: FirewallTool, options: FirewallExecOptions = {}): boolean {
  return tryTool(tool, ['--version'], options).exitCode !== EXIT_TOOL_MISSING;
}

/**
 * The backend for a config's `ipMasqBackend` value, with upstream's rules:
 * "iptables" and "nftables" are taken as given; when the key is absent, iptables is the
 * default unless iptables is unusable and nftables usable; when neither probe works
 * (typically no CAP_NET_ADMIN at probe time), nftables is chosen only if the iptables
 * binary is missing and nft is installed. Any other value (also "") throws
 * UnknownIpMasqBackendError, as upstream's `unknown ipmasq backend "…"`. The probes run
 * tools, so only an absent value costs process starts.
 */
export function selectIpMasqBackend(
  value: string | undefined,
  options: FirewallExecOptions = {},
): IpMasqBackend {
  if (value !== undefined && isIpMasqBackend(value)) return value;
  if (value !== undefined) throw new UnknownIpMasqBackendError(value);
  if (supportsIptables(options)) return 'iptables';
  if (supportsNftables(options)) return 'nftables';
  if (!hasFirewallTool('iptables', options) && hasFirewallTool('nft', options)) return 'nftables';
  return 'iptables';
}
