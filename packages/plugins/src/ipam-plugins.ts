import type { InProcessPlugin } from '@cni-ts/plugin-kit';
import { hostLocal } from './host-local/index.ts';
import { staticIpam } from './static/index.ts';

// The IPAM plugins of this executable, apart from the registry so that the interface
// plugins (bridge, ptp) can run them in process without importing the registry, which
// imports them.

/** IPAM plugins by type. */
export const ipamPlugins = {
  'host-local': hostLocal,
  static: staticIpam,
} as const satisfies Readonly<
  Record<string, InProcessPlugin & { readonly name: string; main(): Promise<never> }>
>;

/**
 * The resolver for plugin-kit's in-process IPAM shortcut: when CNI_PATH's `host-local` is
 * this very executable, ipamAdd and friends run it here instead of spawning it.
 */
export function resolveIpamPlugin(type: string): InProcessPlugin | undefined {
  return Object.hasOwn(ipamPlugins, type)
    ? (ipamPlugins as Readonly<Record<string, InProcessPlugin>>)[type]
    : undefined;
}
