import { isNftGenerationChanged } from '../../netlink/netfilter/nft-error.ts';
import { type NftSocket, openNftSocket } from '../../netlink/netfilter/nft-socket.ts';
import type { FirewallExecOptions } from '../command-runner.ts';

/** How many times a read-then-write transaction is rebuilt when the ruleset changed under it. */
export const NFT_GENERATION_ATTEMPTS = 3;

/** Runs `fn` with an nf_tables socket opened where `options` says (or the test's socket), closed after. */
export function withNftSocket<T>(options: FirewallExecOptions, fn: (sock: NftSocket) => T): T {
  const sock =
    options.nftSocket?.() ??
    openNftSocket(options.netns === undefined ? {} : { netns: options.netns });
  try {
    return fn(sock);
  } finally {
    sock.close();
  }
}

/**
 * A read-modify-write transaction: `attempt` reads what it needs and commits against the
 * generation it was given. When another process changed the ruleset in between, the kernel
 * refuses the whole batch (ERESTART) and it is read and built again, a bounded number of times.
 */
export function retryOnNewGeneration(sock: NftSocket, attempt: (genId: number) => void): void {
  for (let round = 1; ; round++) {
    try {
      attempt(sock.generation());
      return;
    } catch (error) {
      if (!isNftGenerationChanged(error) || round >= NFT_GENERATION_ATTEMPTS) throw error;
    }
  }
}
