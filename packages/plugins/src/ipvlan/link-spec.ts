import type { ContainerLinkSpec } from '@cni-ts/plugin-kit';
import type { IpvlanSettings } from './settings.ts';

/**
 * The link ipvlan ADD makes: `ip link add TMP link MASTER [mtu N] txqueuelen 0 type ipvlan
 * mode MODE bridge` (the Go plugin's netlink library sends txqlen 0 and the flags, bridge).
 */
export function ipvlanLinkSpec(settings: IpvlanSettings): ContainerLinkSpec {
  return {
    kind: 'ipvlan',
    parent: settings.master.index,
    ...(settings.mtu > 0 ? { mtu: settings.mtu } : {}),
    txqlen: 0,
    mode: settings.mode,
    flags: 'bridge',
  };
}
