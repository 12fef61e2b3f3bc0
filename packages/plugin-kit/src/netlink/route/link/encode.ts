import { concatBytes, encodeAttribute, nla } from '../../codec/attributes.ts';
import { encodeLinkAttributeOptions } from './_link-attributes.ts';
import { IFF, IFLA, IFLA_INFO } from './constants.ts';
import { encodeIfInfoMsg, type IfInfoMsg } from './ifinfomsg.ts';
import { encodeKindData } from './kinds/kind-map.ts';
import type { Link, LinkChanges, LinkSpec } from './types.ts';

/** ifi_flags / ifi_change for the IFF_* bits a request sets or clears. */
function flagChanges(changes: {
  readonly up?: boolean | undefined;
  readonly promisc?: boolean | undefined;
  readonly allmulti?: boolean | undefined;
}): { flags: number; change: number } {
  let flags = 0;
  let change = 0;
  const bits = [
    [changes.up, IFF.UP],
    [changes.promisc, IFF.PROMISC],
    [changes.allmulti, IFF.ALLMULTI],
  ] as const;
  for (const [value, bit] of bits) {
    if (value === undefined) continue;
    change |= bit;
    if (value) flags |= bit;
  }
  return { flags, change };
}

/**
 * The payload of the RTM_NEWLINK that creates `spec` (`ip link add …`): struct ifinfomsg,
 * the plain attributes, IFLA_IFNAME, then IFLA_LINKINFO { IFLA_INFO_KIND, IFLA_INFO_DATA }.
 * The attribute order and nesting flags are iproute2 6.1's, so the bytes match `ip`'s.
 */
export function encodeNewLink(spec: LinkSpec): Uint8Array {
  const { flags, change } = flagChanges({ up: spec.up });
  const data = encodeKindData(spec);
  // iproute2 sends the kind without a terminating NUL; the kernel accepts both.
  const info = [nla.bytes(IFLA_INFO.KIND, new TextEncoder().encode(spec.kind))];
  if (data.length > 0) info.push(nla.nested(IFLA_INFO.DATA, data));
  return concatBytes([
    encodeIfInfoMsg({ flags, change }),
    ...encodeLinkAttributeOptions(spec),
    nla.nested(IFLA.LINKINFO, info),
  ]);
}

/** The payload of the RTM_NEWLINK that changes link `index` (`ip link set dev X …`). */
export function encodeLinkChanges(index: number, changes: LinkChanges): Uint8Array {
  const { flags, change } = flagChanges(changes);
  return concatBytes([
    encodeIfInfoMsg({ index, flags, change }),
    ...encodeLinkAttributeOptions(changes),
  ]);
}

/**
 * Re-encodes a decoded link message from its header and raw attributes (flags included),
 * byte for byte. Typed fields are not consulted: the raw list is the source of truth.
 */
export function encodeLinkMessage(link: {
  readonly header: IfInfoMsg;
  readonly attributes: Link['attributes'];
}): Uint8Array {
  const parts = [encodeIfInfoMsg(link.header)];
  for (const attribute of link.attributes) {
    parts.push(encodeAttribute(attribute.type | attribute.flags, attribute.value));
  }
  return concatBytes(parts);
}
