import { openContainerNetns, type PluginContext } from '@cni-ts/plugin-kit';
import type { Result100 } from '@cni-ts/spec-types';
import type { TuningCniArg, TuningConfig } from './config.ts';
import { requirePrevResult } from './prev-result.ts';
import { changesLink, tuningSettings } from './settings.ts';

/**
 * tuning ADD: every input checked first, then the container's namespace opened (a missing
 * one fails, as upstream's). With no sysctl and no link attribute to change (a chain's
 * bare `{"type": "tuning"}`) the previous result passes through; otherwise add-apply.ts,
 * loaded only then, does the work.
 */
export async function addTuning(
  ctx: PluginContext<TuningConfig, TuningCniArg>,
): Promise<Result100> {
  const settings = tuningSettings(ctx, ctx.stdin);
  const prev = requirePrevResult(ctx.prevResult);
  using netns = openContainerNetns(ctx.netns);
  if (settings.sysctls.length === 0 && !changesLink(settings)) return prev;
  return await (await import('./add-apply.ts')).applyTuning(ctx, settings, prev, netns);
}
