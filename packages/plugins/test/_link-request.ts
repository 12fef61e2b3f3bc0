// The bytes a link spec becomes on the wire, for comparison with captures of `ip link add`
// (tests of kinds this kernel lacks: the request is checked, not the kernel's answer).
import {
  addLink,
  decodeMessages,
  encodeMessage,
  type LinkSpec,
  NetlinkSocket,
} from '@cni-ts/plugin-kit';
import { ack, createFakeTransport } from '@cni-ts/plugin-kit/testing';

/**
 * The one RTM_NEWLINK `addLink(spec)` sends, as hex, with the sequence number and port id
 * of `captured` (a whole message in hex) so that the two compare byte for byte.
 */
export function linkRequestHex(spec: LinkSpec, captured: string): string {
  const transport = createFakeTransport((request) => [ack(request)]);
  addLink(new NetlinkSocket(transport), spec);
  const [request] = transport.requests;
  const [reference] = decodeMessages(Uint8Array.from(Buffer.from(captured, 'hex')));
  if (request === undefined || reference === undefined) throw new Error('no request');
  return Buffer.from(
    encodeMessage({ ...request, seq: reference.seq, pid: reference.pid }),
  ).toString('hex');
}
