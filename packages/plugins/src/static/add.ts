import type { PluginContext } from '@cni-ts/plugin-kit';
import { type Dns, formatCidr, formatIp, type Result100 } from '@cni-ts/spec-types';
import { loadStaticIpam } from './addresses.ts';
import type { StaticArg, StaticConfig } from './config.ts';

/** The DNS keys a result has, without empty ones (upstream omits them). */
function resultDns(dns: Dns | undefined): Dns | undefined {
  if (dns === undefined) return undefined;
  const { nameservers, domain, search, options } = dns;
  return {
    ...(nameservers?.length ? { nameservers } : {}),
    ...(domain ? { domain } : {}),
    ...(search?.length ? { search } : {}),
    ...(options?.length ? { options } : {}),
  };
}

/** Returns the addresses (no interface index), and the config's routes and DNS as given. */
export function addStatic(ctx: PluginContext<StaticConfig, StaticArg>): Result100 {
  const ipam = loadStaticIpam(ctx.config, ctx.cniVersion, ctx.cniArgs);
  const dns = resultDns(ipam.dns);
  return {
    cniVersion: '1.1.0',
    ...(ipam.addresses.length > 0
      ? {
          ips: ipam.addresses.map(({ cidr, gateway }) => ({
            address: formatCidr(cidr),
            ...(gateway === undefined ? {} : { gateway: formatIp(gateway) }),
          })),
        }
      : {}),
    ...(ipam.routes !== undefined && ipam.routes.length > 0 ? { routes: ipam.routes } : {}),
    ...(dns === undefined ? {} : { dns }),
  };
}
