import { CniError, CniErrorCode } from '@cni-ts/spec-types';
import type { BandwidthConfig } from './config.ts';

/** One direction's limit: bits per second and a bucket in bits, both positive. */
export interface Shaping {
  readonly rate: number;
  readonly burst: number;
}

/** The limits a config asks for; a direction without a limit is absent. */
export interface BandwidthLimits {
  /** Traffic towards the container. */
  readonly ingress?: Shaping;
  /** Traffic from the container. */
  readonly egress?: Shaping;
}

interface Entry {
  readonly ingressRate?: number | undefined;
  readonly ingressBurst?: number | undefined;
  readonly egressRate?: number | undefined;
  readonly egressBurst?: number | undefined;
}

/** A burst whose bytes reach 2^32 - 1 does not fit tbf's u32 (upstream's bound). */
const MAX_BURST_BYTES = 0xffffffff;

function invalid(key: string, message: string): CniError {
  return new CniError(CniErrorCode.InvalidNetworkConfig, `${key}: ${message}`);
}

/** One direction, validated with upstream's rules and words, the key path in front. */
function shaping(rate: number, burst: number, keys: { rate: string; burst: string }) {
  if (burst === 0 && rate !== 0)
    throw invalid(keys.burst, 'if rate is set, burst must also be set');
  if (rate === 0 && burst !== 0) throw invalid(keys.rate, 'if burst is set, rate must also be set');
  if (Math.floor(burst / 8) >= MAX_BURST_BYTES) {
    throw invalid(keys.burst, 'burst cannot be more than 4GB');
  }
  if (rate === 0) return undefined;
  // tbf counts bytes: under 8 bits per second is a rate of 0 (upstream sends it anyway).
  if (rate < 8) throw invalid(keys.rate, `rate must be at least 8 bits per second, got ${rate}`);
  return { rate, burst };
}

/**
 * The limits a config asks for, as upstream picks them: the config's own keys when it has
 * any of the four (even all zero), else `runtimeConfig.bandwidth`. Throws a CniError (code 7)
 * naming the key when a rate comes without its burst or the other way round, or a burst
 * reaches 4 GB, with upstream's words after the key.
 */
export function bandwidthLimits(config: BandwidthConfig): BandwidthLimits {
  const own = [config.ingressRate, config.ingressBurst, config.egressRate, config.egressBurst];
  const fromConfig = own.some((value) => value !== undefined);
  const runtime = config.runtimeConfig?.bandwidth;
  const entry: Entry = fromConfig ? config : (runtime ?? {});
  const prefix = fromConfig ? '' : 'runtimeConfig.bandwidth.';
  const ingress = shaping(entry.ingressRate ?? 0, entry.ingressBurst ?? 0, {
    rate: `${prefix}ingressRate`,
    burst: `${prefix}ingressBurst`,
  });
  const egress = shaping(entry.egressRate ?? 0, entry.egressBurst ?? 0, {
    rate: `${prefix}egressRate`,
    burst: `${prefix}egressBurst`,
  });
  return { ...(ingress && { ingress }), ...(egress && { egress }) };
}

/** True when the limits shape nothing (ADD then passes prevResult on). */
export function shapesNothing(limits: BandwidthLimits): boolean {
  return limits.ingress === undefined && limits.egress === undefined;
}
