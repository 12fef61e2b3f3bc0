import type { InProcessPlugin } from '@cni-ts/plugin-kit';
import { hostLocal } from './host-local/index.ts';
import { staticIpam } from './static/index.ts';

/** The IPAM plugins of this executable by type (the multicall table's IPAM part). */
export const ipamPlugins = {
  'host-local': hostLocal,
  static: staticIpam,
} as const satisfies Readonly<
  Record<string, InProcessPlugin & { readonly name: string; main(): Promise<never> }>
>;
