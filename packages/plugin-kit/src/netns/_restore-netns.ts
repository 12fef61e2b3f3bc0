// Internal: switching the JavaScript thread back to where it came from, or dying trying.
import { CLONE_NEWNET, setns } from '../sys/libc.ts';
import type { Netns } from './netns.ts';

/**
 * Switches the thread back into `origin`. If that fails the process exits: carrying on in
 * the wrong network namespace would apply every later change to the wrong place.
 */
export function restoreNetnsOrExit(origin: Netns): void {
  try {
    setns(origin.fd, CLONE_NEWNET);
  } catch (error) {
    process.stderr.write(
      `fatal: could not switch back to the original network namespace: ${String(error)}\n`,
    );
    process.exit(70);
  }
}
