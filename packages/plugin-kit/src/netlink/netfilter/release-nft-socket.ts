// Closing an nf_tables socket right after a transaction blocks: on the socket's release
// the kernel waits for that transaction's destroy work, which waits for an RCU grace
// period (12-14 ms here, measured with strace: close(2) itself takes them). A plugin does
// not need the socket closed at once: released sockets are closed a little later, off the
// critical path, or by the kernel when the plugin exits, by which time the grace period
// has usually passed.

/** How long a released socket stays open in a process that lives on. */
export const NFT_SOCKET_LINGER_MS = 100;

/**
 * Closes `sock` soon, without blocking the caller; a process that exits first lets the
 * kernel do it. A socket that says it left no destruction work (only rules added, or
 * nothing committed) is closed at once: its release has nothing of its own to wait for.
 */
export function releaseNftSocket(sock: {
  close(): void;
  readonly leavesDestroyWork?: boolean;
}): void {
  if (sock.leavesDestroyWork === false) {
    sock.close();
    return;
  }
  const timer = setTimeout(() => sock.close(), NFT_SOCKET_LINGER_MS);
  timer.unref();
}
