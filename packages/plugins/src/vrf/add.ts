import {
  goErrorText,
  openContainerNetns,
  openRouteSocket,
  type PluginContext,
  withUndo,
} from '@cni-ts/plugin-kit';
import { CniError, CniErrorCode, isCniError, type Result100 } from '@cni-ts/spec-types';
import { attachToVrf } from './attach.ts';
import type { VrfConfig } from './config.ts';

/**
 * vrf ADD: with prevResult required, in the container's namespace the VRF `vrfname` is found
 * or made and CNI_IFNAME moved into it (attach.ts); prevResult is passed on. Failures read
 * as upstream's (`cmdAdd failed: …`), and take back what was done.
 */
export async function addVrf(ctx: PluginContext<VrfConfig>): Promise<Result100> {
  const prev = ctx.prevResult;
  if (prev === undefined) {
    throw new CniError(CniErrorCode.Internal, 'missing prevResult from earlier plugin');
  }
  try {
    using netns = openContainerNetns(ctx.netns);
    using sock = openRouteSocket({ netns });
    const target = {
      vrfName: ctx.config.vrfname,
      table: ctx.config.table ?? 0,
      ifName: ctx.ifName,
    };
    await withUndo(
      async (undo) => attachToVrf(sock, target, undo),
      (failure) => ctx.log.warn(`undo ${failure.label} failed: ${goErrorText(failure.error)}`),
    );
  } catch (error) {
    const why = isCniError(error) ? error.msg : goErrorText(error);
    throw new CniError(CniErrorCode.Internal, `cmdAdd failed: ${why}`, { cause: error });
  }
  return prev;
}
