import { isNotFound } from '../errors/predicates.ts';
import { type Netns, openNetns } from './netns.ts';

/**
 * The namespace at `path` for a DEL: undefined when CNI_NETNS is empty or the namespace is
 * gone (nothing left to undo in it); any other failure is thrown.
 */
export function openNetnsIfPresent(path: string): Netns | undefined {
  if (path === '') return undefined;
  try {
    return openNetns(path);
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}
