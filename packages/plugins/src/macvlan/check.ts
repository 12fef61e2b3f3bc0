import { checkChildLink, expectLinkMode, type PluginContext } from '@cni-ts/plugin-kit';
import { resolveIpamPlugin } from '../ipam-resolver.ts';
import { ipamType, type MacvlanCniArg, type MacvlanConfig } from './config.ts';
import { macvlanMode } from './settings.ts';

/**
 * macvlan CHECK, as upstream: the master exists, the IPAM plugin's CHECK (with an IPAM
 * type), a prevResult is required, and in the container the interface it names is a
 * macvlan of the configured mode with its MAC, its addresses and the result's routes.
 */
export async function checkMacvlan(
  ctx: PluginContext<MacvlanConfig, MacvlanCniArg>,
): Promise<void> {
  const { config } = ctx;
  const mode = macvlanMode(config);
  await checkChildLink({
    ctx,
    // No master: the default route's link, as ADD.
    master: config.master ?? '',
    inContainer: config.linkInContainer === true,
    ipamType: ipamType(config),
    ipam: { resolve: resolveIpamPlugin },
    expected: {
      kind: 'macvlan',
      check: (link) =>
        expectLinkMode(
          'macvlan',
          mode,
          link.kindData?.kind === 'macvlan' ? link.kindData.mode : undefined,
        ),
    },
  });
}
