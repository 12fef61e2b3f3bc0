import {
  goErrorText,
  type PluginContext,
  setupCniFirewallIptables,
  teardownCniFirewallIptables,
} from '@cni-ts/plugin-kit';
import { CniError, CniErrorCode, type Result100 } from '@cni-ts/spec-types';
import { attachmentFile, saveAttachment } from './attachment-store.ts';
import type { FirewallConfig } from './config.ts';
import { firewallSettings } from './settings.ts';
import { firewallTarget, requirePrev } from './target.ts';

/**
 * firewall ADD: every value checked first, then per family one batch with the chains,
 * jumps, per-address rules and isolation rules (a batch applies wholly or not at all),
 * then the attachment's addresses are kept for GC. prevResult is echoed.
 */
export async function addFirewall(ctx: PluginContext<FirewallConfig>): Promise<Result100> {
  const settings = firewallSettings(ctx.config);
  const prev = requirePrev(ctx.prevResult);
  const target = firewallTarget(settings, prev);
  try {
    await setupCniFirewallIptables(target);
  } catch (error) {
    throw new CniError(CniErrorCode.Internal, goErrorText(error), { cause: error });
  }
  const file = attachmentFile(settings.dataDir, ctx.config.name, ctx.containerId, ctx.ifName);
  try {
    saveAttachment(file, target.addresses);
  } catch (error) {
    // The record is what DEL without prevResult and GC go by: no record, no rules.
    await teardownCniFirewallIptables(target.addresses);
    throw new CniError(CniErrorCode.Internal, goErrorText(error), { cause: error });
  }
  return prev;
}
