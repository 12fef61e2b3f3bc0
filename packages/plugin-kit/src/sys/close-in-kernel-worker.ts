// Some files block the task that drops their last reference. A NETLINK_NETFILTER socket
// is one: its release waits for nf_tables' pending transaction-destroy work, an RCU grace
// period (10-14 ms on the 2-core test machine; strace shows close(2), or the exit of a
// process that left it open, taking them). A plugin has no use for that wait.
//
// The way out is the kernel's own garbage collector for file descriptors in flight: the
// file is sent, with the sending socket's own peer, into that peer's receive queue, and
// both ends are closed. Nothing outside the kernel references the pair any more, only the
// message in flight, a cycle that the AF_UNIX garbage collector frees. From Linux 6.10 it
// runs in a workqueue, so the file's release, and its wait, happen in a kernel worker a
// moment later. On older kernels the collector runs inside the close, which then waits
// as a plain close would: nothing is lost either way.

import { AF_UNIX, close, SOCK_CLOEXEC, SOCK_DGRAM, sendFds, socketpair } from './libc.ts';

/**
 * Closes `fd` now and leaves the release of its file to a kernel worker (see above). The
 * descriptor is gone from the process when this returns; the kernel frees the file within
 * milliseconds. Falls back to a plain close if the hand-off cannot be made.
 */
export function closeInKernelWorker(fd: number): void {
  let pair: [number, number];
  try {
    pair = socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  } catch {
    close(fd);
    return;
  }
  // Indexing, not destructuring: no iterator on the DEL path (issue 22).
  const inbox = pair[0];
  const sender = pair[1];
  try {
    sendFds(sender, [inbox, fd]);
  } catch {
    close(inbox);
    close(sender);
    close(fd);
    return;
  }
  close(fd);
  // The inbox first: its last reference is now the message in its own queue. Closing the
  // sender then releases a socket while a cycle is in flight, which schedules the collector.
  close(inbox);
  close(sender);
}
