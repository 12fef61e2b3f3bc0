// Internal: running a few synchronous steps inside a brand-new network namespace.
import { CLONE_NEWNET, unshare } from '../sys/libc.ts';
import { restoreNetnsOrExit } from './_restore-netns.ts';
import { currentNetns } from './netns.ts';

/**
 * Moves the JavaScript thread into a new, empty network namespace (unshare(CLONE_NEWNET)),
 * runs `fn` there and switches back to the original namespace, also when `fn` throws. The
 * new namespace survives only if `fn` pins it (a bind mount or an open descriptor of
 * /proc/thread-self/ns/net); otherwise the kernel frees it once the thread has left.
 */
export function inNewNetns<T>(fn: () => T): T {
  const origin = currentNetns();
  try {
    unshare(CLONE_NEWNET);
    try {
      return fn();
    } finally {
      restoreNetnsOrExit(origin);
    }
  } finally {
    origin.close();
  }
}
