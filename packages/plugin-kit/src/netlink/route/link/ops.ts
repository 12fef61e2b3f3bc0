import { decodeAttributes } from '../../codec/attributes.ts';
import { NLM_F, RTM } from '../../codec/constants.ts';
import type { NetlinkMessage } from '../../codec/header.ts';
import type { NetlinkRequester } from '../../socket/requester.ts';
import { IFINFOMSG_LEN, IFLA } from './constants.ts';
import { decodeLinkMessage } from './decode.ts';
import { LinkError } from './link-error.ts';
import {
  deleteLinkRequest,
  dumpLinksRequest,
  getLinkRequest,
  type LinkQueryOptions,
  newLinkRequest,
} from './requests.ts';
import type { Link, LinkRef, LinkSpec } from './types.ts';

/** Which links listLinks keeps (all given fields must match). */
export interface LinkFilter extends LinkQueryOptions {
  /** IFLA_INFO_KIND, e.g. 'bridge'. */
  readonly kind?: string;
  /** Only the ports of this master index. */
  readonly master?: number;
}

/** The RTM_NEWLINK messages of a reply, decoded. */
export function decodeLinkReplies(messages: readonly NetlinkMessage[]): Link[] {
  // A loop, not filter/map: every link plugin's exec pays for a builtin's first call.
  const links: Link[] = [];
  for (const message of messages)
    if (message.type === RTM.NEWLINK) links.push(decodeLinkMessage(message));
  return links;
}

/**
 * Every link in the socket's namespace: `ip link show` (RTM_GETLINK dump). The filter is
 * applied to the decoded records.
 */
export function listLinks(sock: NetlinkRequester, filter: LinkFilter = {}): Link[] {
  return decodeLinkReplies(sock.request(dumpLinksRequest(filter))).filter(
    (link) =>
      (filter.kind === undefined || link.kind === filter.kind) &&
      (filter.master === undefined || link.master === filter.master),
  );
}

/**
 * One link by index or name: `ip link show dev X` (RTM_GETLINK). A missing link is the
 * kernel's NetlinkError (ENODEV), so `isNotFound(error)` is true.
 */
export function getLink(
  sock: NetlinkRequester,
  ref: LinkRef,
  options: LinkQueryOptions = {},
): Link {
  const [link] = decodeLinkReplies(sock.request(getLinkRequest(ref, options)));
  if (link === undefined)
    throw new LinkError('RTM_GETLINK', 'no-reply', 'the kernel sent no RTM_NEWLINK');
  return link;
}

/**
 * Creates a link: `ip link add NAME … type KIND …` (RTM_NEWLINK, NLM_F_CREATE|NLM_F_EXCL).
 * An existing name is the kernel's EEXIST (`isExists`).
 */
export function addLink(sock: NetlinkRequester, spec: LinkSpec): void {
  sock.request(newLinkRequest(spec));
}

/**
 * {@link addLink} with NLM_F_ECHO: the link as the kernel made it (in the socket's
 * namespace; a veth's peer elsewhere is not echoed), read from the echo when the kernel
 * sends one (Linux 6.3 and later), else undefined and the caller reads it. It saves the
 * caller the lookup that would follow, a round trip and a decode.
 */
export function addLinkEcho(sock: NetlinkRequester, spec: LinkSpec): Link | undefined {
  const request = newLinkRequest(spec);
  const [link] = decodeLinkReplies(sock.request({ ...request, flags: request.flags | NLM_F.ECHO }));
  return link;
}

/** Deletes a link: `ip link del dev X` (RTM_DELLINK by index, or by IFLA_IFNAME). */
export function deleteLink(sock: NetlinkRequester, ref: LinkRef): void {
  sock.request(deleteLinkRequest(ref));
}

/**
 * A link's name (IFLA_IFNAME), by index: {@link getLink}'s request, with only the name read
 * from the answer. Decoding every attribute of a link costs an exec about 0.3 ms while the
 * decoders are cold, and a caller that needs the name alone (portmap's localnet routing)
 * need not pay it. The kernel's errors pass through (isNotFound).
 */
export function getLinkName(sock: NetlinkRequester, index: number): string {
  for (const message of sock.request(getLinkRequest({ index }))) {
    if (message.type !== RTM.NEWLINK) continue;
    const attributes = message.payload.subarray(IFINFOMSG_LEN);
    for (const attribute of decodeAttributes(attributes, ['RTM_NEWLINK'])) {
      if (attribute.type !== IFLA.IFNAME) continue;
      const end = attribute.value.indexOf(0);
      return nameDecoder.decode(end < 0 ? attribute.value : attribute.value.subarray(0, end));
    }
  }
  throw new LinkError('RTM_GETLINK', 'no-reply', 'the kernel sent no RTM_NEWLINK with a name');
}

const nameDecoder = new TextDecoder();

/**
 * The index of a veth's peer (IFLA_LINK), as upstream's GetVethPeerIfindex reads it. When the
 * peer is in another namespace the index is in that namespace (getLink(…).netnsId names it).
 */
export function getVethPeerIndex(sock: NetlinkRequester, index: number): number {
  const link = getLink(sock, { index });
  if (link.kind !== 'veth') {
    throw new LinkError('RTM_GETLINK', 'not-veth', `link ${index} (${link.name}) is not a veth`);
  }
  if (link.link === undefined || link.link === 0) {
    throw new LinkError('RTM_GETLINK', 'no-peer', `veth ${link.name} reports no peer index`);
  }
  return link.link;
}
