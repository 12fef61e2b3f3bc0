import { CniError, CniErrorCode, formatIp, ipFamily, parseIp } from '@cni-ts/spec-types';

/** The static gateways of `gateways`, one per family at most. */
export interface StaticGateways {
  readonly v4?: string;
  readonly v6?: string;
}

function fail(message: string): never {
  throw new CniError(CniErrorCode.Internal, message);
}

/**
 * Parses `gateways` with upstream's rules and words (code 999): at most two entries, each an
 * IP address, at most one per family.
 */
export function staticGateways(gateways: readonly string[] | null | undefined): StaticGateways {
  const list = gateways ?? [];
  if (list.length > 2) {
    fail('gateways list cannot contain more than 2 entries (one IPv4, one IPv6)');
  }
  let v4: string | undefined;
  let v6: string | undefined;
  for (const text of list) {
    const bytes = parseIp(text);
    if (bytes === undefined) fail(`invalid static gateway IP address: ${text}`);
    const ip = formatIp(bytes);
    if (ipFamily(bytes) === 4) {
      if (v4 !== undefined)
        fail(`gateways list contains multiple IPv4 addresses: ${v4} and ${text}`);
      v4 = ip;
    } else {
      if (v6 !== undefined)
        fail(`gateways list contains multiple IPv6 addresses: ${v6} and ${text}`);
      v6 = ip;
    }
  }
  return { ...(v4 === undefined ? {} : { v4 }), ...(v6 === undefined ? {} : { v6 }) };
}
