import { checkChildLink, expectLinkMode, type PluginContext } from '@cni-ts/plugin-kit';
import { resolveIpamPlugin } from '../ipam-resolver.ts';
import { type IpvlanConfig, ipamType } from './config.ts';
import { ipvlanMode } from './settings.ts';

/**
 * ipvlan CHECK: a configured master exists, the IPAM plugin's CHECK (with an IPAM type), a
 * prevResult is required, and in the container the interface it names is an ipvlan of the
 * configured mode with its MAC, its addresses and the result's routes.
 */
export async function checkIpvlan(ctx: PluginContext<IpvlanConfig>): Promise<void> {
  const { config } = ctx;
  const mode = ipvlanMode(config);
  await checkChildLink({
    ctx,
    master: config.master === '' ? undefined : config.master,
    inContainer: config.linkInContainer === true,
    ipamType: ipamType(config),
    ipam: { resolve: resolveIpamPlugin },
    expected: {
      kind: 'ipvlan',
      check: (link) =>
        expectLinkMode(
          'IPVlan',
          mode,
          link.kindData?.kind === 'ipvlan' ? link.kindData.mode : undefined,
        ),
    },
  });
}
