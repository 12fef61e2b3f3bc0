import { isNotFound } from '../../errors/predicates.ts';
import { NftBatch } from '../../netlink/netfilter/batch.ts';
import { isNftError } from '../../netlink/netfilter/nft-error.ts';
import type { FirewallExecOptions } from '../command-runner.ts';
import { NFT_MASQ } from './nft-names.ts';
import { withNftSocket } from './nft-session.ts';

/**
 * True when nftables can be driven here over netlink: the kernel accepts a transaction
 * creating the masquerade table (what knftables' `nft --check` probes). The probe batch
 * ends with the delete of a table handle that cannot exist, so the kernel refuses it at
 * that message and rolls the whole batch back: nothing is made. Needs CAP_NET_ADMIN.
 */
export function probeNftables(options: FirewallExecOptions = {}): boolean {
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
