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
  for (let i = 0; i < statNames.length; i++) {
    const name = statNames[i] as (typeof statNames)[number];
    stats[name] = view.getBigUint64(i * 8, true);
  }
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

type FieldSetter = (
  link: Mutable<Partial<Link>>,
  attribute: RawAttribute,
  at: readonly string[],
) => void;

/** A setter that reads the attribute's value into `field`. */
function into<K extends keyof Link>(
  field: K,
  readValue: (attribute: RawAttribute, at: readonly string[]) => Link[K],
): FieldSetter {
  return (link, attribute, at) => {
    link[field] = readValue(attribute, at);
  };
}

const mac = (attribute: RawAttribute): string => formatMac(attribute.value);

/** The IFLA_* attributes that map onto one Link field each. */
const fieldSetters: ReadonlyMap<number, FieldSetter> = new Map([
  [IFLA.IFNAME, into('name', read.string)],
  [IFLA.MTU, into('mtu', read.u32)],
  [IFLA.ADDRESS, into('mac', mac)],
  [IFLA.BROADCAST, into('broadcast', mac)],
  [IFLA.PERM_ADDRESS, into('permanentMac', mac)],
  [IFLA.TXQLEN, into('txqlen', read.u32)],
  [IFLA.MASTER, into('master', read.u32)],
  [IFLA.OPERSTATE, into('operstate', (attribute, at) => operState(read.u8(attribute, at)))],
  [IFLA.IFALIAS, into('alias', read.string)],
  [IFLA.MIN_MTU, into('minMtu', read.u32)],
  [IFLA.MAX_MTU, into('maxMtu', read.u32)],
  [IFLA.GROUP, into('group', read.u32)],
  [IFLA.PROMISCUITY, into('promiscuity', read.u32)],
  [IFLA.ALLMULTI, into('allmulti', read.u32)],
  [IFLA.CARRIER, into('carrier', (attribute, at) => read.u8(attribute, at) !== 0)],
  [IFLA.NUM_TX_QUEUES, into('numTxQueues', read.u32)],
  [IFLA.NUM_RX_QUEUES, into('numRxQueues', read.u32)],
  [IFLA.QDISC, into('qdisc', read.string)],
  [IFLA.LINK, into('link', read.u32)],
  [IFLA.LINK_NETNSID, into('netnsId', read.i32)],
  [IFLA.STATS64, into('stats', decodeStats64)],
]);

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
  // An attribute's path is made only for one that is decoded: a link has some fifty.
  const at = (type: number): string[] => [...path, attributeName(IFLA, type, 'IFLA_')];
  for (const attribute of attributes) {
    const setter = fieldSetters.get(attribute.type);
    if (setter !== undefined) setter(link, attribute, at(attribute.type));
    else if (attribute.type === IFLA.LINKINFO) decodeLinkInfo(link, attribute, path);
    else if (attribute.type === IFLA.PROTINFO && header.family === AF.BRIDGE) {
      const protinfoPath = at(attribute.type);
      link.protinfo = decodeBridgePortInfo(
        decodeAttributes(attribute.value, protinfoPath),
        protinfoPath,
      );
    }
  }
  return { ...link, header, attributes } as Link;
}
