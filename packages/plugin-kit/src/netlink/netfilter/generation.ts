import { isNftGenerationChanged } from './nft-error.ts';
import type { NftSocket } from './nft-socket.ts';

/** How many times a read-then-write transaction is rebuilt when the ruleset changed under it. */
export const NFT_GENERATION_ATTEMPTS = 3;

/**
 * A read-modify-write transaction: `attempt` reads what it needs and commits with
 * `{ genId }`. When another process changed the ruleset in between, the kernel refuses the
 * whole batch (ERESTART) and it is read and built again, up to NFT_GENERATION_ATTEMPTS times.
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
