import { IP_MASQ_BACKENDS, type IpMasqBackend } from '@cni-ts/plugin-kit';
import { IpamSchema, NetConfEntries } from '@cni-ts/spec-types';
import * as v from 'valibot';

function isBackend(value: string): value is IpMasqBackend {
  return (IP_MASQ_BACKENDS as readonly string[]).includes(value);
}

/**
 * ptp's keys: `ipMasq` (from NetConfEntries), `ipMasqBackend`, `mtu`, `ipam` (required:
 * ptp has no addresses of its own), `dns` (replaces the IPAM plugin's when set) and
 * `enabledad` (ours, as bridge's: keep IPv6 duplicate address detection in the container).
 */
export const PtpConfigSchema = v.looseObject({
  ...NetConfEntries,
  ipam: v.pipe(
    IpamSchema,
    v.check((ipam) => (ipam.type ?? '') !== '', "missing 'type': the IPAM plugin to run"),
  ),
  ipMasqBackend: v.optional(
    v.pipe(
      v.string(),
      v.check(isBackend, (issue) => `unknown ipmasq backend ${JSON.stringify(issue.input)}`),
    ),
  ),
  mtu: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
  enabledad: v.optional(v.boolean()),
});

export type PtpConfig = v.InferOutput<typeof PtpConfigSchema>;

/** The IPAM plugin's type (the schema guarantees one). */
export function ipamType(config: PtpConfig): string {
  return config.ipam.type ?? '';
}
