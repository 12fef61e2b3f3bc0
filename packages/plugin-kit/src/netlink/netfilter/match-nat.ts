import { parseIpBytes } from '../route/_ip.ts';
import { NFPROTO, NFT_REG } from './constants.ts';
import { NFT_FIB_RESULT, NFTA_FIB_F } from './expr/fib.ts';
import { NFT_META } from './expr/meta.ts';
import { NFT_PAYLOAD_BASE } from './expr/payload.ts';
import type { NftExpr } from './expr/types.ts';

// Builders for the port-forwarding matches and statements, as nft(8) emits them for
// `fib daddr type local`, `tcp dport 80` and `dnat to 10.0.0.2:80` / `dnat to [fd00::2]:80`.

/** RTN_LOCAL, the address type `fib … type local` compares with (host byte order u32). */
const RTN_LOCAL = 2;
/** NF_NAT_RANGE_MAP_IPS | NF_NAT_RANGE_PROTO_SPECIFIED: an address and a port. */
const NAT_MAP_IPS_AND_PORT = 3;
/** The destination port's offset in a TCP, UDP or SCTP header. */
const DPORT_OFFSET = 2;

const IP_PROTO = { tcp: 6, udp: 17, sctp: 132 } as const;

/** The transport protocols a port match may name. */
export type PortProtocol = keyof typeof IP_PROTO;

function u32Host(value: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, value, true);
  return out;
}

function u16be(value: number): Uint8Array {
  return Uint8Array.of(value >> 8, value & 0xff);
}

/** `fib daddr type local`: the packet is addressed to this host. */
export function fibDaddrLocal(): NftExpr[] {
  return [
    {
      kind: 'fib',
      dreg: NFT_REG.R1,
      result: NFT_FIB_RESULT.ADDRTYPE,
      flags: NFTA_FIB_F.DADDR,
    },
    { kind: 'cmp', sreg: NFT_REG.R1, op: 'eq', data: u32Host(RTN_LOCAL) },
  ];
}

/** `tcp|udp|sctp dport PORT`. */
export function dportIs(protocol: PortProtocol, port: number): NftExpr[] {
  return [
    { kind: 'meta', key: NFT_META.L4PROTO, dreg: NFT_REG.R1 },
    { kind: 'cmp', sreg: NFT_REG.R1, op: 'eq', data: Uint8Array.of(IP_PROTO[protocol]) },
    {
      kind: 'payload',
      base: NFT_PAYLOAD_BASE.TRANSPORT_HEADER,
      offset: DPORT_OFFSET,
      len: 2,
      dreg: NFT_REG.R1,
    },
    { kind: 'cmp', sreg: NFT_REG.R1, op: 'eq', data: u16be(port) },
  ];
}

/**
 * `dnat to IP:PORT` (`[IP]:PORT` for IPv6) in an ip or ip6 table, in the form the kernel
 * lists it back (max registers equal to min, both range flags), so a listed rule compares
 * equal byte for byte.
 */
export function dnatTo(address: string, port: number): NftExpr[] {
  const ip = parseIpBytes(address, 'dnat to').bytes;
  return [
    { kind: 'immediate', dreg: NFT_REG.R1, data: { value: ip } },
    { kind: 'immediate', dreg: NFT_REG.R2, data: { value: u16be(port) } },
    {
      kind: 'nat',
      type: 'dnat',
      family: ip.length === 4 ? NFPROTO.IPV4 : NFPROTO.IPV6,
      regAddrMin: NFT_REG.R1,
      regAddrMax: NFT_REG.R1,
      regProtoMin: NFT_REG.R2,
      regProtoMax: NFT_REG.R2,
      flags: NAT_MAP_IPS_AND_PORT,
    },
  ];
}
