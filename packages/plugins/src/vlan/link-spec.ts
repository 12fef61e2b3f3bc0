import type { ContainerLinkSpec } from '@cni-ts/plugin-kit';
import type { VlanSettings } from './settings.ts';

/**
 * The link vlan ADD makes: `ip link add TMP link MASTER [mtu N] txqueuelen 0 type vlan id
 * ID` (the Go plugin's netlink library sends txqlen 0).
 */
export function vlanLinkSpec(settings: VlanSettings): ContainerLinkSpec {
  return {
    kind: 'vlan',
    parent: settings.master.index,
    ...(settings.mtu > 0 ? { mtu: settings.mtu } : {}),
    txqlen: 0,
    id: settings.vlanId,
  };
}
