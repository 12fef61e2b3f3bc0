import {
  IFF,
  type Link,
  openContainerNetns,
  openRouteSocket,
  type PluginContext,
} from '@cni-ts/plugin-kit';
import { CniError, CniErrorCode } from '@cni-ts/spec-types';
import { containerLink } from './add-apply.ts';
import type { TuningCniArg, TuningConfig } from './config.ts';
import { requirePrevResult } from './prev-result.ts';
import { type TuningSettings, tuningSettings } from './settings.ts';
import { readSysctlFile } from './sysctls.ts';

function fail(message: string): never {
  throw new CniError(CniErrorCode.Internal, message);
}

/** Each attribute the settings name must have its configured value (upstream's texts). */
function checkLink(link: Link, settings: TuningSettings): void {
  const name = link.name;
  if (settings.mac !== undefined && settings.mac.address !== link.mac) {
    fail(
      `Error: Tuning configured Ethernet of ${name} is ${settings.mac.text}, current value is ${link.mac ?? ''}`,
    );
  }
  // promisc is compared either way: false in the config means "not promiscuous".
  const promisc = (link.flags & IFF.PROMISC) !== 0;
  if (promisc !== settings.promisc) {
    fail(
      `Error: Tuning link ${name} configured promisc is ${settings.promisc}, current value is ${promisc ? 1 : 0}`,
    );
  }
  if (settings.mtu !== 0 && settings.mtu !== link.mtu) {
    fail(
      `Error: Tuning configured MTU of ${name} is ${settings.mtu}, current value is ${link.mtu}`,
    );
  }
  const allmulti = (link.flags & IFF.ALLMULTI) !== 0;
  if (settings.allmulti !== undefined && settings.allmulti !== allmulti) {
    fail(
      `Error: Tuning configured all-multicast mode of ${name} is ${settings.allmulti}, current value is ${allmulti}`,
    );
  }
  if (settings.txQLen !== undefined && settings.txQLen !== link.txqlen) {
    fail(
      `Error: Tuning configured Transmit Queue Length of ${name} is ${settings.txQLen}, current value is ${link.txqlen}`,
    );
  }
}

/**
 * tuning CHECK: a previous result is required; in the container every `sysctl` file (with
 * IFNAME substituted, which upstream 1.1.1 forgets) must hold its configured value, and
 * the interface its configured MAC, promisc (false included), MTU, allmulti and txQLen.
 */
export function checkTuning(ctx: PluginContext<TuningConfig, TuningCniArg>): void {
  const settings = tuningSettings(ctx, ctx.stdin);
  requirePrevResult(ctx.prevResult);
  using netns = openContainerNetns(ctx.netns);
  for (const { file, value } of settings.sysctls) {
    const current = readSysctlFile(netns, file);
    if (current !== value) {
      fail(`Error: Tuning configured value of ${file} is ${value}, current value is ${current}`);
    }
  }
  using sock = openRouteSocket({ netns });
  let link: Link;
  try {
    link = containerLink(sock, ctx.ifName);
  } catch {
    fail(`Cannot find container link ${ctx.ifName}`);
  }
  checkLink(link, settings);
}
