import type { GcContext } from '@cni-ts/plugin-kit';
import { forgetAttachment, loadAttachment, networkAttachments } from './attachment-store.ts';
import { gcNftRules, teardownRules } from './backend.ts';
import type { FirewallConfig } from './config.ts';
import { chooseBackend, firewallSettings } from './settings.ts';

/**
 * firewall GC (upstream has none): the address rules of the network's attachments that are
 * not valid go. nftables finds them by their comment; iptables by the records ADD kept (an
 * address a valid attachment also has keeps its rules). Stale records go too.
 */
export async function gcFirewall(ctx: GcContext<FirewallConfig>): Promise<void> {
  const settings = firewallSettings(ctx.config);
  const network = ctx.config.name;
  const backend = await chooseBackend(settings);
  if (backend === 'nftables') {
    gcNftRules(
      network,
      ctx.validAttachments.map((a) => ({ containerId: a.containerID, ifName: a.ifname })),
    );
  }
  const valid = new Set(ctx.validAttachments.map((a) => `${a.containerID}_${a.ifname}`));
  const records = networkAttachments(settings.dataDir, ctx.config.name);
  const kept = new Set(
    [...records].filter(([name]) => valid.has(name)).flatMap(([, file]) => loadAttachment(file)),
  );
  const stale = [...records].filter(([name]) => !valid.has(name));
  const addresses = stale.flatMap(([, file]) => loadAttachment(file)).filter((a) => !kept.has(a));
  if (backend !== 'nftables') {
    const owner = { network, containerId: '', ifName: '', zone: settings.zone };
    await teardownRules(backend, owner, addresses);
  }
  for (const [, file] of stale) forgetAttachment(file);
}
