import type { PluginContext } from '@cni-ts/plugin-kit';
import { formatIp, isIpv4Like, parseCidr, parseIp } from '@cni-ts/spec-types';
import { loadStaticIpam } from './addresses.ts';
import type { StaticArg, StaticConfig } from './config.ts';
import { StaticIpamError } from './static-error.ts';

/** Two addresses are equal as Go's IP.Equal sees them (an IPv4-mapped one equals its IPv4). */
function sameAddress(a: Uint8Array, b: Uint8Array | undefined): boolean {
  if (b === undefined || isIpv4Like(a) !== isIpv4Like(b)) return false;
  const tail = (bytes: Uint8Array) =>
    isIpv4Like(bytes) ? bytes.subarray(bytes.length - 4) : bytes;
  return tail(a).every((byte, i) => tail(b)[i] === byte);
}

/**
 * Every configured address must be in the previous result, with the configured gateway if
 * one is set. Upstream reports a gateway mismatch (`static: Failed to match addr …`) but
 * passes when an address is missing altogether; this CHECK fails then too.
 */
export function checkStatic(ctx: PluginContext<StaticConfig, StaticArg>): void {
  const ipam = loadStaticIpam(ctx.config, ctx.cniVersion, ctx.cniArgs);
  if (ctx.prevResult === undefined) throw new StaticIpamError('Required prevResult missing');
  const previous = (ctx.prevResult.ips ?? []).map((ip) => ({
    address: parseCidr(ip.address)?.ip,
    gateway: ip.gateway === undefined ? undefined : parseIp(ip.gateway),
  }));
  for (const { cidr, gateway } of ipam.addresses) {
    const found = previous.find((ip) => sameAddress(cidr.ip, ip.address));
    const where = `addr ${formatIp(cidr.ip)} on interface ${ctx.ifName}`;
    if (found === undefined) throw new StaticIpamError(`static: Failed to find ${where}`);
    if (gateway !== undefined && !sameAddress(gateway, found.gateway)) {
      throw new StaticIpamError(`static: Failed to match ${where}`);
    }
  }
}
