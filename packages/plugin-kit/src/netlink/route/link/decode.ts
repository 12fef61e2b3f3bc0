import { decodeAttributes, type RawAttribute, read } from '../../codec/attributes.ts';
import { AF, messageTypeName } from '../../codec/constants.ts';
import { DecodeError } from '../../codec/decode-error.ts';
import type { NetlinkMessage } from '../../codec/header.ts';
import { attributeName } from './_fields.ts';
import { IFINFOMSG_LEN, IFLA, IFLA_INFO } from './constants.ts';
import { decodeIfInfoMsg } from './ifinfomsg.ts';
import { decodeBridgePortInfo } from './kinds/bridge-port.ts';
import { decodeKindData, isKnownLinkKind } from './kinds/kind-map.ts';
import { formatMac } from './mac.ts';
import type { Link, LinkStats, OperState } from './types.ts';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const operStates: readonly OperState[] = [
  'unknown',
  'notpresent',
  'down',
  'lowerlayerdown',
  'testing',
  'dormant',
  'up',
];

function operState(value: number): OperState {
  return operStates[value] ?? 'unknown';
}

const statNames = [
  'rxPackets',
  'txPackets',
  'rxBytes',
  'txBytes',
  'rxErrors',
  'txErrors',
  'rxDropped',
  'txDropped',
  'multicast',
  'collisions',
] as const satisfies readonly (keyof LinkStats)[];

function decodeStats64(attribute: RawAttribute, path: readonly string[]): LinkStats {
  const size = statNames.length * 8;
  if (attribute.value.length < size) {
    throw new DecodeError(path, `needs at least ${size} bytes, has ${attribute.value.length}`);
  }
  const view = new DataView(attribute.value.buffer, attribute.value.byteOffset, size);
  const stats = {} as Mutable<LinkStats>;
  statNames.forEach((name, i) => {
    stats[name] = view.getBigUint64(i * 8, true);
  });
  return stats;
}

function decodeLinkInfo(
  link: Mutable<Partial<Link>>,
  attribute: RawAttribute,
  path: readonly string[],
): void {
  const infoPath = [...path, 'IFLA_LINKINFO'];
  const members = decodeAttributes(attribute.value, infoPath);
  let data: RawAttribute | undefined;
  let slaveData: RawAttribute | undefined;
  for (const member of members) {
    if (member.type === IFLA_INFO.KIND) link.kind = read.string(member);
    else if (member.type === IFLA_INFO.DATA) data = member;
    else if (member.type === IFLA_INFO.SLAVE_KIND) link.slaveKind = read.string(member);
    else if (member.type === IFLA_INFO.SLAVE_DATA) slaveData = member;
  }
  if (link.kind !== undefined && isKnownLinkKind(link.kind)) {
    const dataPath = [...infoPath, 'IFLA_INFO_DATA'];
    const attributes = data === undefined ? [] : decodeAttributes(data.value, dataPath);
    link.kindData = decodeKindData(link.kind, attributes, dataPath);
  }
  if (link.slaveKind === 'bridge' && slaveData !== undefined) {
    const slavePath = [...infoPath, 'IFLA_INFO_SLAVE_DATA'];
    const attributes = decodeAttributes(slaveData.value, slavePath);
    link.slaveData = { kind: 'bridge', ...decodeBridgePortInfo(attributes, slavePath) };
  }
}

/**
 * Decodes the payload of an RTM_NEWLINK / RTM_GETLINK / RTM_SETLINK / RTM_DELLINK message
 * (struct ifinfomsg + attributes). Malformed input throws DecodeError, never anything else.
 */
export function decodeLinkMessage(message: Pick<NetlinkMessage, 'type' | 'payload'>): Link {
  const path = [messageTypeName(message.type)];
  const header = decodeIfInfoMsg(message.payload, path);
  const attributes = decodeAttributes(message.payload.subarray(IFINFOMSG_LEN), path);
  const link: Mutable<Partial<Link>> = {
    index: header.index,
    name: '',
    type: header.type,
    flags: header.flags,
    mtu: 0,
    txqlen: 0,
    operstate: 'unknown',
  };
  for (const attribute of attributes) {
    const at = [...path, attributeName(IFLA, attribute.type, 'IFLA_')];
    switch (attribute.type) {
      case IFLA.IFNAME:
        link.name = read.string(attribute);
        break;
      case IFLA.MTU:
        link.mtu = read.u32(attribute, at);
        break;
      case IFLA.ADDRESS:
        link.mac = formatMac(attribute.value);
        break;
      case IFLA.BROADCAST:
        link.broadcast = formatMac(attribute.value);
        break;
      case IFLA.PERM_ADDRESS:
        link.permanentMac = formatMac(attribute.value);
        break;
      case IFLA.TXQLEN:
        link.txqlen = read.u32(attribute, at);
        break;
      case IFLA.MASTER:
        link.master = read.u32(attribute, at);
        break;
      case IFLA.OPERSTATE:
        link.operstate = operState(read.u8(attribute, at));
        break;
      case IFLA.IFALIAS:
        link.alias = read.string(attribute);
        break;
      case IFLA.MIN_MTU:
        link.minMtu = read.u32(attribute, at);
        break;
      case IFLA.MAX_MTU:
        link.maxMtu = read.u32(attribute, at);
        break;
      case IFLA.GROUP:
        link.group = read.u32(attribute, at);
        break;
      case IFLA.PROMISCUITY:
        link.promiscuity = read.u32(attribute, at);
        break;
      case IFLA.ALLMULTI:
        link.allmulti = read.u32(attribute, at);
        break;
      case IFLA.CARRIER:
        link.carrier = read.u8(attribute, at) !== 0;
        break;
      case IFLA.NUM_TX_QUEUES:
        link.numTxQueues = read.u32(attribute, at);
        break;
      case IFLA.NUM_RX_QUEUES:
        link.numRxQueues = read.u32(attribute, at);
        break;
      case IFLA.QDISC:
        link.qdisc = read.string(attribute);
        break;
      case IFLA.LINK:
        link.link = read.u32(attribute, at);
        break;
      case IFLA.LINK_NETNSID:
        link.netnsId = read.i32(attribute, at);
        break;
      case IFLA.STATS64:
        link.stats = decodeStats64(attribute, at);
        break;
      case IFLA.LINKINFO:
        decodeLinkInfo(link, attribute, path);
        break;
      case IFLA.PROTINFO:
        if (header.family === AF.BRIDGE) {
          link.protinfo = decodeBridgePortInfo(decodeAttributes(attribute.value, at), at);
        }
        break;
    }
  }
  return { ...link, header, attributes } as Link;
}
