import { checkChildLink, type PluginContext } from '@cni-ts/plugin-kit';
import { CniError, CniErrorCode } from '@cni-ts/spec-types';
import { resolveIpamPlugin } from '../ipam-resolver.ts';
import { ipamType, type VlanConfig } from './config.ts';
import { checkVlanConfig } from './settings.ts';

function fail(message: string): never {
  throw new CniError(CniErrorCode.Internal, message);
}

/**
 * vlan CHECK, as upstream: the master exists, the IPAM plugin's CHECK, a prevResult is
 * required, and in the container the interface it names is a vlan with the configured
 * ID, MTU (when set) and its MAC, its addresses and the result's routes.
 */
export async function checkVlan(ctx: PluginContext<VlanConfig>): Promise<void> {
  const { config } = ctx;
  const vlanId = checkVlanConfig(config);
  const mtu = config.mtu ?? 0;
  await checkChildLink({
    ctx,
    master: config.master,
    inContainer: config.linkInContainer === true,
    // checkVlanConfig has made sure there is one.
    ipamType: ipamType(config),
    ipam: { resolve: resolveIpamPlugin },
    expected: {
      kind: 'vlan',
      check(link, intf) {
        const actual = link.kindData?.kind === 'vlan' ? (link.kindData.id ?? 0) : 0;
        if (actual !== vlanId) {
          fail(
            `Error: Container ${intf.name} VLAN ID ${actual} does not match expected value ${vlanId}`,
          );
        }
        if (mtu > 0 && link.mtu !== mtu) {
          fail(
            `Error: Container ${intf.name} MTU ${link.mtu} does not match expected value ${mtu}`,
          );
        }
      },
    },
  });
}
