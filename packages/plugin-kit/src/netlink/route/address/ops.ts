import { NLM_F, RTM } from '../../codec/constants.ts';
import type { NetlinkRequester } from '../../socket/requester.ts';
import { decodeAddressMessage, isInetFamily, toAddress } from './decode.ts';
import { addressSpecToMessage, encodeAddressMessage } from './encode.ts';
import type { Address, AddressFilter, AddressSpec } from './types.ts';

/**
 * Lists addresses (`ip addr show [dev …]`, `ip -4|-6 addr show`): an RTM_GETADDR dump.
 * The filter is sent in the request (kernels in strict mode apply it) and applied here too.
 */
export function listAddresses(sock: NetlinkRequester, filter: AddressFilter = {}): Address[] {
  const payload = encodeAddressMessage({
    family: filter.family ?? 0,
    prefixLength: 0,
    flags: 0,
    scope: 0,
    index: filter.index ?? 0,
    attributes: [],
  });
  const replies = sock.request({
    op: 'RTM_GETADDR',
    type: RTM.GETADDR,
    flags: NLM_F.DUMP,
    payload,
  });
  const addresses: Address[] = [];
  for (const reply of replies) {
    if (reply.type !== RTM.NEWADDR) continue;
    const message = decodeAddressMessage(reply.payload);
    if (!isInetFamily(message.family)) continue;
    if (filter.family !== undefined && message.family !== filter.family) continue;
    if (filter.index !== undefined && message.index !== filter.index) continue;
    addresses.push(toAddress(message));
  }
  return addresses;
}

function send(
  sock: NetlinkRequester,
  spec: AddressSpec,
  flags: number,
  command: 'new' | 'del',
): void {
  const payload = encodeAddressMessage(addressSpecToMessage(spec, command));
  const type = command === 'new' ? RTM.NEWADDR : RTM.DELADDR;
  sock.request({ op: command === 'new' ? 'RTM_NEWADDR' : 'RTM_DELADDR', type, flags, payload });
}

/**
 * Adds an address (`ip addr add ADDRESS dev LINK [brd +] …`): RTM_NEWADDR with
 * NLM_F_CREATE|NLM_F_EXCL. An address that is already there fails with EEXIST (isExists).
 * IPv4 gets a computed broadcast unless `broadcast` says otherwise (see AddressSpec).
 */
export function addAddress(sock: NetlinkRequester, spec: AddressSpec): void {
  send(sock, spec, NLM_F.CREATE | NLM_F.EXCL, 'new');
}

/**
 * Adds an address or updates the one that is there (`ip addr replace …`): RTM_NEWADDR with
 * NLM_F_CREATE|NLM_F_REPLACE. Lifetimes, flags and the route priority are updated in place.
 */
export function replaceAddress(sock: NetlinkRequester, spec: AddressSpec): void {
  send(sock, spec, NLM_F.CREATE | NLM_F.REPLACE, 'new');
}

/**
 * Deletes an address (`ip addr del ADDRESS dev LINK`): RTM_DELADDR with IFA_LOCAL and
 * IFA_ADDRESS (and IFA_LABEL when given). A missing address fails with EADDRNOTAVAIL
 * (isNotFound). An Address record from listAddresses can be passed as it is.
 */
export function deleteAddress(sock: NetlinkRequester, spec: AddressSpec): void {
  send(sock, spec, 0, 'del');
}
