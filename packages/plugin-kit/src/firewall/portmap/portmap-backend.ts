/** The backends of portmap. */
export type PortMapBackend = 'iptables' | 'nftables';

/**
 * The backend when the config names none, as upstream picks it: iptables unless it cannot
 * be used and nftables can. Here "cannot be used" is "not installed" (a PATH lookup, no
 * process): nf_tables itself is in every kernel the kit supports.
 */
export function defaultPortMapBackend(
  which: (tool: string) => string | null = Bun.which,
): PortMapBackend {
  return which('iptables') === null || which('iptables-restore') === null ? 'nftables' : 'iptables';
}
