import { checkCniFirewallIptables, type PluginContext } from '@cni-ts/plugin-kit';
import { CniError, CniErrorCode } from '@cni-ts/spec-types';
import type { FirewallConfig } from './config.ts';
import { firewallSettings } from './settings.ts';
import { firewallTarget, requirePrev } from './target.ts';

/** firewall CHECK, as upstream: the jumps and per-address rules are there. */
export async function checkFirewall(ctx: PluginContext<FirewallConfig>): Promise<void> {
  const settings = firewallSettings(ctx.config);
  const target = firewallTarget(settings, requirePrev(ctx.prevResult));
  const missing = await checkCniFirewallIptables(target);
  if (missing !== undefined) throw new CniError(CniErrorCode.Internal, missing);
}
