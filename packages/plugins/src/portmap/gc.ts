import { type GcContext, gcPortMapIptables, goErrorText } from '@cni-ts/plugin-kit';
import { CniError, CniErrorCode } from '@cni-ts/spec-types';
import type { PortMapConfig } from './config.ts';

/**
 * portmap GC (upstream has none): with the iptables backend, removes the chains and entry rules of this
 * network's attachments whose container id is not among the valid attachments.
 */
export async function gcPortMap(ctx: GcContext<PortMapConfig>): Promise<void> {
  // nftables rules carry only the container id (upstream's comment), not the network: GC
  // of one network cannot tell another network's rules from stale ones, so it leaves them.
  if (ctx.config.backend === 'nftables') return;
  const keep = ctx.validAttachments.map((attachment) => ({ containerId: attachment.containerID }));
  try {
    await gcPortMapIptables(ctx.config.name, keep);
  } catch (error) {
    throw new CniError(CniErrorCode.Internal, `portmap gc: ${goErrorText(error)}`, {
      cause: error,
    });
  }
}
