import { IntSchema, IpamSchema, NetConfEntries } from '@cni-ts/spec-types';
import * as v from 'valibot';

/**
 * dummy's keys (reference-plugins.md §2.1): `ipam` (required: a dummy link has nothing
 * else to carry), `mtu` (0: the kernel's default), `dns`.
 */
export const DummyConfigSchema = v.looseObject({
  ...NetConfEntries,
  ipam: v.optional(IpamSchema),
  mtu: v.optional(IntSchema),
});

/** dummy's config as parsed. */
export type DummyConfig = v.InferOutput<typeof DummyConfigSchema>;

/** The IPAM plugin's type, or '' when there is none (ADD refuses that). */
export function ipamType(config: DummyConfig): string {
  return config.ipam?.type ?? '';
}
