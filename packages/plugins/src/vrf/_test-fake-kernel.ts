// A small fake of the kernel's link table for the vrf plugin's tests without root (or on a
// kernel without VRF, like this one): it answers RTM_GETLINK (one or a dump), creates links
// on RTM_NEWLINK with NLM_F_CREATE (a VRF only when `vrf` is on, else EOPNOTSUPP as this
// kernel does), applies IFF_UP and IFLA_MASTER, deletes on RTM_DELLINK, and dumps no
// addresses and no routes. Every request is kept for byte comparisons.
import {
  concatBytes,
  decodeAttributes,
  IFLA,
  IFLA_INFO,
  IFLA_VRF,
  NetlinkSocket,
  NLM_F,
  nla,
  RTM,
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
  options: { vrf: boolean },
): FakeKernel {
  const links = new Map(initial.map((link) => [link.index, { ...link }]));
  const byRef = (index: number, name?: string) =>
    index > 0 ? links.get(index) : [...links.values()].find((link) => link.name === name);
  const transport = createFakeTransport((request) => {
    const dump = (request.flags & NLM_F.DUMP) === NLM_F.DUMP;
    if (request.type === RTM.GETADDR || request.type === RTM.GETROUTE) {
      return multipart(request, request.type === RTM.GETADDR ? RTM.NEWADDR : RTM.NEWROUTE, []);
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
        else link.master = req.master;
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
  return { sock: new NetlinkSocket(transport), transport, links };
}
