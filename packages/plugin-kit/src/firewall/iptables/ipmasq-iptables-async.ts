import type { FirewallExecOptions } from '../command-runner.ts';
import type { IpMasqTarget } from '../ipmasq-types.ts';
import { type MasqBatch, setupBatches, teardownBatches } from './ipmasq-iptables.ts';
import { tryRestoreAsync } from './restore.ts';

// The iptables masquerade of ipmasq-iptables.ts with its common path started without
// waiting: both families' `*-restore` batches run at once, in processes of their own,
// while the caller goes on (a plugin does its netlink work meanwhile). A batch that fails
// takes the listing-based path afterwards, as the synchronous version does.

const NAT = 'nat';

async function runBatches(
  batches: readonly MasqBatch[],
  options: FirewallExecOptions,
): Promise<void> {
  const fast = batches.map((batch) =>
    batch.lines.length > 0 ? tryRestoreAsync(batch.family, NAT, batch.lines, options) : undefined,
  );
  const results = await Promise.allSettled(fast);
  for (const [i, batch] of batches.entries()) {
    const result = results[i];
    if (result?.status === 'rejected') throw result.reason;
    if (result?.value?.exitCode !== 0) batch.slow();
  }
}

/** Sets up the attachment's masquerade; the restore processes start before this returns. */
export function setupIpMasqIptablesAsync(
  target: IpMasqTarget,
  options: FirewallExecOptions,
): Promise<void> {
  return runBatches(setupBatches(target, options), options);
}

/** Tears down the attachment's masquerade; the restore processes start before this returns. */
export function teardownIpMasqIptablesAsync(
  target: IpMasqTarget,
  options: FirewallExecOptions,
): Promise<void> {
  return runBatches(teardownBatches(target, options), options);
}
