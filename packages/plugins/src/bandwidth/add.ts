import type { PluginContext } from '@cni-ts/plugin-kit';
import { CniError, CniErrorCode, type Result100 } from '@cni-ts/spec-types';
import type { BandwidthConfig } from './config.ts';
import { bandwidthLimits, shapesNothing } from './limits.ts';

/**
 * bandwidth ADD: without limits, prevResult passes through. Otherwise the host end of the
 * container's veth is shaped both ways (add-shaping.ts, loaded only then) and the ifb it
 * makes is appended to the result's interfaces.
 */
export async function addBandwidth(ctx: PluginContext<BandwidthConfig>): Promise<Result100> {
  const limits = bandwidthLimits(ctx.config);
  const prev = ctx.prevResult;
  if (prev === undefined)
    throw new CniError(CniErrorCode.Internal, 'must be called as chained plugin');
  if (shapesNothing(limits)) return prev;
  return await (await import('./add-shaping.ts')).addShaping(ctx, limits, prev);
}
