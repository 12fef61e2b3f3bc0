import type { PluginContext } from '@cni-ts/plugin-kit';
import { CniError, CniErrorCode } from '@cni-ts/spec-types';
import { checkRules } from './backend.ts';
import type { FirewallConfig } from './config.ts';
import { chooseBackend, firewallSettings } from './settings.ts';
import { firewallTarget, requirePrev } from './target.ts';

/** firewall CHECK, as upstream: the jumps and per-address rules are there. */
export async function checkFirewall(ctx: PluginContext<FirewallConfig>): Promise<void> {
  const settings = firewallSettings(ctx.config);
  const target = firewallTarget(settings, requirePrev(ctx.prevResult));
  const owner = {
    network: ctx.config.name,
    containerId: ctx.containerId,
    ifName: ctx.ifName,
    zone: settings.zone,
  };
  const backend = await chooseBackend(settings);
  const missing = await checkRules(backend, owner, target);
  if (missing !== undefined) throw new CniError(CniErrorCode.Internal, missing);
}
