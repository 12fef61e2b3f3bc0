import { canUseNetns } from '../../testing/test-netns.ts';
import { isIptablesNft } from './chain-probe.ts';

/**
 * Why a test of iptables-nft's tables over netlink cannot run here, or null: it needs
 * root with namespaces, and iptables and ip6tables as iptables-nft. `otherwise` says what
 * the plugin does then.
 */
export function iptablesNftSkipReason(otherwise: string): string | null {
  if (!canUseNetns()) return 'needs root and network namespaces';
  const nft =
    Bun.which('iptables') !== null &&
    Bun.which('ip6tables') !== null &&
    isIptablesNft('iptables-restore') &&
    isIptablesNft('ip6tables-restore');
  return nft ? null : `iptables here is not iptables-nft: ${otherwise}`;
}
