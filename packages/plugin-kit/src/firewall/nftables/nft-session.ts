import { type NftSocket, openNftSocket } from '../../netlink/netfilter/nft-socket.ts';
import { releaseNftSocket } from '../../netlink/netfilter/release-nft-socket.ts';
import type { FirewallExecOptions } from '../command-runner.ts';

/**
 * Runs `fn` with an nf_tables socket opened where `options` says (or the test's socket),
 * released after (closed without blocking: see releaseNftSocket).
 */
export function withNftSocket<T>(options: FirewallExecOptions, fn: (sock: NftSocket) => T): T {
  const sock =
    options.nftSocket?.() ??
    openNftSocket(options.netns === undefined ? {} : { netns: options.netns });
  try {
    return fn(sock);
  } finally {
    releaseNftSocket(sock);
  }
}
