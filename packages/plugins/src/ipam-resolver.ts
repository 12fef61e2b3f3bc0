import type { InProcessPlugin } from '@cni-ts/plugin-kit';
import { pluginLoader } from './plugin-loaders.ts';

/** The IPAM plugins of this executable. */
const IPAM_TYPES: readonly string[] = ['host-local', 'static'];

/**
 * The resolver for plugin-kit's in-process IPAM shortcut: when CNI_PATH's `host-local` is
 * this very executable, ipamAdd and friends run it here instead of spawning it. It goes
 * through the executable's loaders, so an interface plugin loads the one IPAM plugin its
 * config names, on the first IPAM call, and no other.
 */
export function resolveIpamPlugin(type: string): InProcessPlugin | undefined {
  const load = IPAM_TYPES.includes(type) ? pluginLoader(type) : undefined;
  return load && { invoke: async (input) => (await load()).invoke(input) };
}
