import { type GcContext, teardownCniFirewallIptables } from '@cni-ts/plugin-kit';
import { forgetAttachment, loadAttachment, networkAttachments } from './attachment-store.ts';
import type { FirewallConfig } from './config.ts';
import { firewallSettings } from './settings.ts';

/**
 * firewall GC (upstream has none): the per-address rules of every attachment ADD kept that
 * is not among the valid attachments are removed, and so is its record. An address a valid
 * attachment also has keeps its rules.
 */
export async function gcFirewall(ctx: GcContext<FirewallConfig>): Promise<void> {
  const settings = firewallSettings(ctx.config);
  const valid = new Set(ctx.validAttachments.map((a) => `${a.containerID}_${a.ifname}`));
  const records = networkAttachments(settings.dataDir, ctx.config.name);
  const kept = new Set(
    [...records].filter(([name]) => valid.has(name)).flatMap(([, file]) => loadAttachment(file)),
  );
  const stale = [...records].filter(([name]) => !valid.has(name));
  const addresses = stale.flatMap(([, file]) => loadAttachment(file)).filter((a) => !kept.has(a));
  await teardownCniFirewallIptables(addresses);
  for (const [, file] of stale) forgetAttachment(file);
}
