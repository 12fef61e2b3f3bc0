/**
 * What a netlink socket sends through. The kernel transport is a real AF_NETLINK socket
 * over libc; tests plug in a fake (see `createFakeTransport` in `./testing`).
 * Everything is synchronous: a netlink exchange never awaits, so it can run inside
 * `withNetns`.
 */
export interface Transport {
  /** The port id the kernel assigned to this socket (nl_pid); a fake may use any number. */
  readonly portId: number;
  /** Sends one datagram holding one or more netlink messages. */
  send(datagram: Uint8Array): void;
  /** Blocks until the next datagram arrives and returns it. */
  receive(): Uint8Array;
  close(): void;
  /**
   * Closes without waiting for the kernel's release work (a real socket hands its file to
   * a kernel worker: see closeInKernelWorker); a transport without it is closed.
   */
  release?(): void;
}
