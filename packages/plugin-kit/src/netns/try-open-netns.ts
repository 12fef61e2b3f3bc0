import { type Netns, openNetns } from './netns.ts';

/**
 * The namespace at `path`, or undefined when CNI_NETNS is empty or the namespace cannot be
 * opened for any reason: for a DEL that always succeeds and has nothing to undo in a
 * namespace it cannot enter (openNetnsIfPresent, by contrast, reports failures other than
 * a namespace that is gone).
 */
export function tryOpenNetns(path: string): Netns | undefined {
  if (path === '') return undefined;
  try {
    return openNetns(path);
  } catch {
    return undefined;
  }
}
