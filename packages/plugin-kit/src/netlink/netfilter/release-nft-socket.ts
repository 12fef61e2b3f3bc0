// Closing a NETLINK_NETFILTER socket after a transaction that left destruction work
// blocks: the socket's release waits for nf_tables' transaction-destroy work, an RCU
// grace period (10-14 ms here). Whoever drops the last reference waits: close(2), or the
// exit of a plugin that left the socket open, which the runtime waits for. So a released
// socket is closed through closeInKernelWorker: the process is rid of it at once and a
// kernel worker does the waiting.

/** A socket that can be released: NftSocket, or a conntrack NetlinkSocket. */
export interface ReleasableSocket {
  close(): void;
  /** Closes without waiting for the kernel's release work. */
  release?(): void;
  /** False when the socket committed nothing that leaves destruction work. */
  readonly leavesDestroyWork?: boolean;
}

/**
 * Closes `sock` without blocking the caller on the kernel's release work. A socket that
 * says it left no destruction work (only rules added, or nothing committed) is closed
 * plainly: its release has nothing to wait for.
 */
export function releaseNftSocket(sock: ReleasableSocket): void {
  if (sock.leavesDestroyWork === false || sock.release === undefined) sock.close();
  else sock.release();
}
