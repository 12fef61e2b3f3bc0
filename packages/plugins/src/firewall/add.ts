import { goErrorText, isFilterPrefetch, type PluginContext } from '@cni-ts/plugin-kit';
import { CniError, CniErrorCode, type Result100 } from '@cni-ts/spec-types';
import { attachmentFile, saveAttachment } from './attachment-store.ts';
import { setupRules, teardownRules } from './backend.ts';
import type { FirewallConfig } from './config.ts';
import { chooseBackend, firewallSettings } from './settings.ts';
import { firewallTarget, requirePrev } from './target.ts';

/**
 * firewall ADD: every value checked first, then the chains, jumps, per-address rules and
 * isolation rules in one transaction (iptables: one restore batch per family; nftables:
 * one nf_tables batch; firewalld: one addSource per address, then the isolation rules in
 * iptables), then the attachment's addresses are kept for DEL and GC. prevResult is echoed.
 */
export async function addFirewall(ctx: PluginContext<FirewallConfig>): Promise<Result100> {
  const settings = firewallSettings(ctx.config);
  const prev = requirePrev(ctx.prevResult);
  const target = firewallTarget(settings, prev);
  const owner = {
    network: ctx.config.name,
    containerId: ctx.containerId,
    ifName: ctx.ifName,
    zone: settings.zone,
  };
  const backend = await chooseBackend(settings);
  // The filter table's listing, when the prefetch started one (iptables backend).
  const listed = await ctx.prefetched;
  try {
    await setupRules(backend, owner, target, isFilterPrefetch(listed) ? listed : undefined);
  } catch (error) {
    // One family's batch or one firewalld source may have gone through: take them back.
    await teardownRules(backend, owner, target.addresses).catch(() => undefined);
    throw new CniError(CniErrorCode.Internal, goErrorText(error), { cause: error });
  }
  const file = attachmentFile(settings.dataDir, ctx.config.name, ctx.containerId, ctx.ifName);
  try {
    saveAttachment(file, target.addresses);
  } catch (error) {
    // The record is what DEL without prevResult and GC go by: no record, no rules.
    await teardownRules(backend, owner, target.addresses);
    throw new CniError(CniErrorCode.Internal, goErrorText(error), { cause: error });
  }
  return prev;
}
