import { type PluginContext, uniqueItems } from '@cni-ts/plugin-kit';
import { attachmentFile, forgetAttachment, loadAttachment } from './attachment-store.ts';
import { teardownRules } from './backend.ts';
import type { FirewallConfig } from './config.ts';
import { chooseBackend, firewallSettings } from './settings.ts';
import { resultAddresses } from './target.ts';

/**
 * firewall DEL: removes the per-address rules of prevResult's addresses and of those ADD
 * kept (so DEL without prevResult cleans up too; upstream leaves the rules then). Chains,
 * jumps and isolation rules stay, as upstream: other attachments use them. The container's
 * namespace plays no part; a second DEL finds nothing and succeeds.
 */
export async function delFirewall(ctx: PluginContext<FirewallConfig>): Promise<void> {
  const settings = firewallSettings(ctx.config);
  const file = attachmentFile(settings.dataDir, ctx.config.name, ctx.containerId, ctx.ifName);
  const addresses = uniqueItems([...resultAddresses(ctx.prevResult), ...loadAttachment(file)]);
  const owner = {
    network: ctx.config.name,
    containerId: ctx.containerId,
    ifName: ctx.ifName,
    zone: settings.zone,
  };
  const backend = await chooseBackend(settings);
  await teardownRules(backend, owner, addresses);
  forgetAttachment(file);
}
