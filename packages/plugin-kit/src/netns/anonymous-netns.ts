import { close, O_CLOEXEC, O_RDONLY, open } from '../sys/libc.ts';
import { inNewNetns } from './_in-new-netns.ts';
import { CURRENT_NETNS_PATH, type Netns } from './netns.ts';

/**
 * Creates a new network namespace that has no name: it lives as long as the returned
 * descriptor is open (or something else pins it). Its `path` is `/proc/<pid>/fd/<fd>`, which
 * this process and its children can open (for example as CNI_NETNS) while the handle is
 * open. The JavaScript thread unshares, opens its namespace and switches back at once, as
 * upstream's TempNetNS does on a throwaway thread.
 */
export function createAnonymousNetns(): Netns {
  const fd = inNewNetns(() => open(CURRENT_NETNS_PATH, O_RDONLY | O_CLOEXEC));
  let isOpen = true;
  const closeOnce = (): void => {
    if (!isOpen) return;
    isOpen = false;
    close(fd);
  };
  return {
    fd,
    path: `/proc/${process.pid}/fd/${fd}`,
    close: closeOnce,
    [Symbol.dispose]: closeOnce,
  };
}
