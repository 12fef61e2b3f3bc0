// A small fake of the kernel's link table for the vrf plugin's tests without root (or on a
// kernel without VRF, like this one): it answers RTM_GETLINK (one or a dump), creates links
// on RTM_NEWLINK with NLM_F_CREATE (a VRF only when `vrf` is on, else EOPNOTSUPP as this
// kernel does), applies IFF_UP and IFLA_MASTER, deletes on RTM_DELLINK. Addresses and routes
// are kept as the messages they are dumped as: a link that gets a master loses its IPv6
// addresses and its main-table routes (as with keep_addr_on_down=0), an address added back
// gets its local route in the master VRF's table (unless `localRoutes` is off), and
// RTM_NEWROUTE stores the route. Every request is kept for byte comparisons.
import {
  AF,
  concatBytes,
  decodeAttributes,
  IFA,
  IFLA,
  IFLA_INFO,
  IFLA_VRF,
  NetlinkSocket,
  NLM_F,
  nla,
  RT_SCOPE,
  RT_TABLE,
  RTA,
  RTM,
  RTN,
  RTPROT,
} from '@cni-ts/plugin-kit';
import {
  ack,
  createFakeTransport,
  errorReply,
  type FakeTransport,
  multipart,
} from '@cni-ts/plugin-kit/testing';

export interface FakeLink {
  index: number;
  name: string;
  kind: string;
  up: boolean;
  master?: number;
  table?: number;
}

export interface FakeKernel {
  readonly sock: NetlinkSocket;
  readonly transport: FakeTransport;
  readonly links: Map<number, FakeLink>;
  /** RTM_NEWADDR payloads (ifaddrmsg and attributes), as dumped. */
  readonly addresses: Uint8Array[];
  /** RTM_NEWROUTE payloads (rtmsg and attributes), as dumped. */
  readonly routes: Uint8Array[];
}

export interface FakeKernelOptions {
  /** Whether the kernel knows the vrf link kind. */
  readonly vrf: boolean;
  readonly addresses?: readonly Uint8Array[];
  readonly routes?: readonly Uint8Array[];
  /** Whether an address added back gets its local route in the VRF table (default on). */
  readonly localRoutes?: boolean;
}

/** 16 bytes of an IPv6 address in text ("fd00:9::2"). */
export function ipv6Bytes(text: string): Uint8Array {
  const [head = '', tail] = text.split('::');
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const all = [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  const bytes = new Uint8Array(16);
  all.forEach((group, i) => {
    const value = Number.parseInt(group, 16);
    bytes[i * 2] = value >> 8;
    bytes[i * 2 + 1] = value & 0xff;
  });
  return bytes;
}

/** An RTM_NEWADDR payload: a universe-scope IPv6 address on a link. */
export function ipv6AddressPayload(index: number, ip: string, prefix: number): Uint8Array {
  const head = new Uint8Array(8);
  head[0] = AF.INET6;
  head[1] = prefix;
  new DataView(head.buffer).setUint32(4, index, true);
  return concatBytes([head, nla.bytes(IFA.ADDRESS, ipv6Bytes(ip))]);
}

/** What a route payload says, for the fake's own bookkeeping. */
export interface FakeRoute {
  readonly family: number;
  readonly dstLen: number;
  readonly table: number;
  readonly protocol: number;
  readonly scope: number;
  readonly type: number;
  readonly dst?: Uint8Array;
  readonly gateway?: Uint8Array;
  readonly prefsrc?: Uint8Array;
  readonly oif: number;
}

/** An RTM_NEWROUTE payload (rtmsg and attributes) for a route. */
export function routePayload(route: FakeRoute): Uint8Array {
  const head = Uint8Array.from([
    route.family,
    route.dstLen,
    0,
    0,
    route.table,
    route.protocol,
    route.scope,
    route.type,
    0,
    0,
    0,
    0,
  ]);
  return concatBytes([
    head,
    ...(route.dst === undefined ? [] : [nla.bytes(RTA.DST, route.dst)]),
    ...(route.gateway === undefined ? [] : [nla.bytes(RTA.GATEWAY, route.gateway)]),
    ...(route.prefsrc === undefined ? [] : [nla.bytes(RTA.PREFSRC, route.prefsrc)]),
    nla.u32(RTA.OIF, route.oif),
  ]);
}

function routeFacts(payload: Uint8Array): { family: number; table: number; oif: number } {
  let oif = 0;
  let table = payload[4] ?? 0;
  for (const attr of decodeAttributes(payload.subarray(12), ['RTM_NEWROUTE'])) {
    const value = new DataView(attr.value.buffer, attr.value.byteOffset);
    if (attr.type === RTA.OIF) oif = value.getUint32(0, true);
    if (attr.type === RTA.TABLE) table = value.getUint32(0, true);
  }
  return { family: payload[0] ?? 0, table, oif };
}

function addressFacts(payload: Uint8Array): { family: number; index: number } {
  return {
    family: payload[0] ?? 0,
    index: new DataView(payload.buffer, payload.byteOffset).getUint32(4, true),
  };
}

/** The IFA_ADDRESS (else IFA_LOCAL) bytes of an address payload. */
function addressBytes(payload: Uint8Array): Uint8Array {
  const attributes = decodeAttributes(payload.subarray(8), ['RTM_NEWADDR']);
  const found =
    attributes.find((attr) => attr.type === IFA.ADDRESS) ??
    attributes.find((attr) => attr.type === IFA.LOCAL);
  return found?.value ?? new Uint8Array(16);
}

const IFF_UP = 1;

function ifinfomsg(index: number, flags: number): Uint8Array {
  const bytes = new Uint8Array(16);
  const view = new DataView(bytes.buffer);
  view.setUint16(2, 1, true); // ARPHRD_ETHER
  view.setInt32(4, index, true);
  view.setUint32(8, flags, true);
  return bytes;
}

function linkPayload(link: FakeLink): Uint8Array {
  const data =
    link.table === undefined
      ? []
      : [nla.nested(IFLA_INFO.DATA, [nla.u32(IFLA_VRF.TABLE, link.table)])];
  return concatBytes([
    ifinfomsg(link.index, link.up ? IFF_UP : 0),
    nla.string(IFLA.IFNAME, link.name),
    nla.u32(IFLA.MTU, 1500),
    ...(link.master === undefined ? [] : [nla.u32(IFLA.MASTER, link.master)]),
    nla.nested(IFLA.LINKINFO, [nla.string(IFLA_INFO.KIND, link.kind), ...data]),
  ]);
}

/** The parts of a link request the fake acts on. */
function parseRequest(payload: Uint8Array) {
  const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  const index = view.getInt32(4, true);
  const flags = view.getUint32(8, true);
  const change = view.getUint32(12, true);
  let name: string | undefined;
  let master: number | undefined;
  let kind: string | undefined;
  let table: number | undefined;
  const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes).replace(/\0+$/, '');
  const u32 = (bytes: Uint8Array) =>
    new DataView(bytes.buffer, bytes.byteOffset).getUint32(0, true);
  for (const attr of decodeAttributes(payload.subarray(16), ['RTM_NEWLINK'])) {
    if (attr.type === IFLA.IFNAME) name = text(attr.value);
    if (attr.type === IFLA.MASTER) master = u32(attr.value);
    if (attr.type === IFLA.LINKINFO) {
      for (const info of decodeAttributes(attr.value, ['IFLA_LINKINFO'])) {
        if (info.type === IFLA_INFO.KIND) kind = text(info.value);
        if (info.type === IFLA_INFO.DATA) {
          for (const data of decodeAttributes(info.value, ['IFLA_INFO_DATA'])) {
            if (data.type === IFLA_VRF.TABLE) table = u32(data.value);
          }
        }
      }
    }
  }
  return { index, flags, change, name, master, kind, table };
}

/** A fake kernel holding `links`; with `vrf: false` it refuses VRFs as this kernel does. */
export function createFakeKernel(
  initial: readonly FakeLink[],
  options: FakeKernelOptions,
): FakeKernel {
  const links = new Map(initial.map((link) => [link.index, { ...link }]));
  const addresses = [...(options.addresses ?? [])];
  const routes = [...(options.routes ?? [])];
  const remove = (list: Uint8Array[], drop: (payload: Uint8Array) => boolean) => {
    for (let i = list.length - 1; i >= 0; i--) {
      const payload = list[i];
      if (payload !== undefined && drop(payload)) list.splice(i, 1);
    }
  };
  const enslaved = (index: number) => {
    remove(addresses, (payload) => {
      const facts = addressFacts(payload);
      return facts.index === index && facts.family === AF.INET6;
    });
    remove(routes, (payload) => {
      const facts = routeFacts(payload);
      return facts.oif === index && facts.table === RT_TABLE.MAIN;
    });
  };
  const addressAdded = (payload: Uint8Array) => {
    addresses.push(payload);
    const { index } = addressFacts(payload);
    const master = links.get(links.get(index)?.master ?? 0);
    if (options.localRoutes === false || master?.table === undefined) return;
    routes.push(
      routePayload({
        family: AF.INET6,
        dstLen: 128,
        table: master.table,
        protocol: RTPROT.KERNEL,
        scope: RT_SCOPE.HOST,
        type: RTN.LOCAL,
        dst: addressBytes(payload),
        oif: index,
      }),
    );
  };
  const byRef = (index: number, name?: string) =>
    index > 0 ? links.get(index) : [...links.values()].find((link) => link.name === name);
  const transport = createFakeTransport((request) => {
    const dump = (request.flags & NLM_F.DUMP) === NLM_F.DUMP;
    if (request.type === RTM.GETADDR) return multipart(request, RTM.NEWADDR, addresses);
    if (request.type === RTM.GETROUTE) return multipart(request, RTM.NEWROUTE, routes);
    if (request.type === RTM.NEWADDR) {
      addressAdded(request.payload.slice());
      return [ack(request)];
    }
    if (request.type === RTM.NEWROUTE) {
      routes.push(request.payload.slice());
      return [ack(request)];
    }
    if (request.type === RTM.GETLINK && dump) {
      return multipart(request, RTM.NEWLINK, [...links.values()].map(linkPayload));
    }
    const req = parseRequest(request.payload);
    if (request.type === RTM.GETLINK) {
      const link = byRef(req.index, req.name);
      if (link === undefined) return [errorReply(request, 'ENODEV')];
      const reply = { type: RTM.NEWLINK, flags: 0, seq: request.seq, payload: linkPayload(link) };
      return (request.flags & NLM_F.ACK) === 0 ? [reply] : [reply, ack(request)];
    }
    if (request.type === RTM.NEWLINK && (request.flags & NLM_F.CREATE) !== 0) {
      if (req.kind === 'vrf' && !options.vrf) return [errorReply(request, 'EOPNOTSUPP')];
      if (byRef(0, req.name) !== undefined) return [errorReply(request, 'EEXIST')];
      const index = Math.max(0, ...links.keys()) + 1;
      links.set(index, {
        index,
        name: req.name ?? `link${index}`,
        kind: req.kind ?? '',
        up: (req.flags & IFF_UP) !== 0,
        ...(req.table === undefined ? {} : { table: req.table }),
      });
      return [ack(request)];
    }
    if (request.type === RTM.NEWLINK) {
      const link = byRef(req.index, req.name);
      if (link === undefined) return [errorReply(request, 'ENODEV')];
      if ((req.change & IFF_UP) !== 0) link.up = (req.flags & IFF_UP) !== 0;
      if (req.master !== undefined) {
        if (req.master === 0) delete link.master;
        else {
          link.master = req.master;
          enslaved(link.index);
        }
      }
      return [ack(request)];
    }
    if (request.type === RTM.DELLINK) {
      const link = byRef(req.index, req.name);
      if (link === undefined) return [errorReply(request, 'ENODEV')];
      links.delete(link.index);
      return [ack(request)];
    }
    return [errorReply(request, 'EOPNOTSUPP')];
  });
  return { sock: new NetlinkSocket(transport), transport, links, addresses, routes };
}
