// Operations over a fake kernel (no root): how replies and kernel errors come back.
import { describe, expect, test } from 'bun:test';
import { isNotFound } from '../../../errors/predicates.ts';
import {
  ack,
  createFakeTransport,
  errorReply,
  type FakeDatagram,
  multipart,
} from '../../../testing/fake-transport.ts';
import { concatBytes, nla } from '../../codec/attributes.ts';
import { AF, NLM_F, RTM } from '../../codec/constants.ts';
import type { NetlinkMessage } from '../../codec/header.ts';
import { NetlinkSocket } from '../../socket/netlink-socket.ts';
import { getBridgePort, listBridgePorts } from './bridge-port-ops.ts';
import { IFLA, IFLA_BRPORT, IFLA_INFO } from './constants.ts';
import { encodeIfInfoMsg } from './ifinfomsg.ts';
import { isLinkError } from './link-error.ts';
import { addLinkEcho, getLink, getLinkName, getVethPeerIndex, listLinks } from './ops.ts';

function linkPayload(
  index: number,
  name: string,
  extra: Uint8Array[] = [],
  family = 0,
): Uint8Array {
  return concatBytes([encodeIfInfoMsg({ family, index }), nla.string(IFLA.IFNAME, name), ...extra]);
}
const kind = (name: string): Uint8Array =>
  nla.nested(IFLA.LINKINFO, [nla.string(IFLA_INFO.KIND, name)]);

const links = [
  linkPayload(1, 'lo'),
  linkPayload(2, 'br0', [kind('bridge')]),
  linkPayload(3, 'veth0', [nla.u32(IFLA.MASTER, 2), nla.u32(IFLA.LINK, 4), kind('veth')]),
  linkPayload(4, 'veth1', [kind('veth')]),
];

function socketAnswering(
  answer: (request: NetlinkMessage) => readonly FakeDatagram[],
): NetlinkSocket {
  return new NetlinkSocket(createFakeTransport(answer));
}

const kernel = socketAnswering((request) => {
  if ((request.flags & NLM_F.DUMP) === NLM_F.DUMP) {
    if (request.payload[0] === AF.BRIDGE) {
      const protinfo = nla.nested(IFLA.PROTINFO, [nla.u8(IFLA_BRPORT.MODE, 1)]);
      return multipart(request, RTM.NEWLINK, [linkPayload(3, 'veth0', [protinfo], AF.BRIDGE)]);
    }
    return multipart(request, RTM.NEWLINK, links);
  }
  const index = new DataView(request.payload.buffer, request.payload.byteOffset).getInt32(4, true);
  const payload = links[index - 1];
  if (payload === undefined) return [errorReply(request, 'ENODEV')];
  return [{ type: RTM.NEWLINK, flags: 0, seq: request.seq, payload }, ack(request)];
});

describe('listLinks', () => {
  test('decodes every RTM_NEWLINK of the dump', () => {
    expect(listLinks(kernel).map((link) => link.name)).toEqual(['lo', 'br0', 'veth0', 'veth1']);
  });
  test('filters by kind and by master', () => {
    expect(listLinks(kernel, { kind: 'veth' }).map((link) => link.name)).toEqual([
      'veth0',
      'veth1',
    ]);
    expect(listLinks(kernel, { master: 2 }).map((link) => link.name)).toEqual(['veth0']);
  });
});

describe('getLink', () => {
  test('returns the one link the kernel answers with', () => {
    expect(getLink(kernel, { index: 2 })).toMatchObject({ index: 2, name: 'br0', kind: 'bridge' });
  });
  test('passes the kernel error on, so isNotFound works', () => {
    expect(() => getLink(kernel, { index: 9 })).toThrow();
    try {
      getLink(kernel, { index: 9 });
    } catch (error) {
      expect(isNotFound(error)).toBe(true);
    }
  });
  test('throws LinkError no-reply when the kernel acks without a link', () => {
    const silent = socketAnswering((request) => [ack(request)]);
    try {
      getLink(silent, { name: 'x' });
      throw new Error('expected an error');
    } catch (error) {
      expect(isLinkError(error) && error.reason).toBe('no-reply');
    }
  });
});

describe('getVethPeerIndex', () => {
  test('reads IFLA_LINK of a veth', () => {
    expect(getVethPeerIndex(kernel, 3)).toBe(4);
  });
  test('refuses a link that is not a veth, or a veth without a peer index', () => {
    for (const [index, reason] of [
      [2, 'not-veth'],
      [4, 'no-peer'],
    ] as const) {
      try {
        getVethPeerIndex(kernel, index);
        throw new Error('expected an error');
      } catch (error) {
        expect(isLinkError(error) && error.reason).toBe(reason);
      }
    }
  });
});

describe('bridge ports', () => {
  test('listBridgePorts and getBridgePort read IFLA_PROTINFO of the AF_BRIDGE dump', () => {
    expect(listBridgePorts(kernel).map((link) => link.name)).toEqual(['veth0']);
    expect(getBridgePort(kernel, 3)).toEqual({ hairpin: true });
  });
  test('getBridgePort refuses a link that is not a bridge port', () => {
    expect(() => getBridgePort(kernel, 1)).toThrow('not a bridge port');
  });
});

describe('addLinkEcho', () => {
  const flagsSeen: number[] = [];
  function kernelThatEchoes(echo: boolean): NetlinkSocket {
    return socketAnswering((request) => {
      flagsSeen.push(request.flags);
      const made = linkPayload(7, 'eth0', [kind('veth')]);
      return echo
        ? [{ type: RTM.NEWLINK, flags: 0, seq: request.seq, payload: made }, ack(request)]
        : [ack(request)];
    });
  }

  test('asks for the echo and returns the link the kernel echoes', () => {
    const link = addLinkEcho(kernelThatEchoes(true), { name: 'eth0', kind: 'veth' });
    expect(link).toMatchObject({ index: 7, name: 'eth0', kind: 'veth' });
    const flags = flagsSeen.at(-1) ?? 0;
    expect(flags & (NLM_F.ECHO | NLM_F.CREATE | NLM_F.EXCL)).toBe(
      NLM_F.ECHO | NLM_F.CREATE | NLM_F.EXCL,
    );
  });

  test('returns undefined when the kernel only acks (before Linux 6.3)', () => {
    expect(addLinkEcho(kernelThatEchoes(false), { name: 'eth0', kind: 'veth' })).toBeUndefined();
  });
});

describe('getLinkName', () => {
  test('reads the name the kernel answers with, and passes its errors on', () => {
    expect(getLinkName(kernel, 2)).toBe('br0');
    expect(getLinkName(kernel, 3)).toBe(getLink(kernel, { index: 3 }).name);
    try {
      getLinkName(kernel, 9);
      throw new Error('expected an error');
    } catch (error) {
      expect(isNotFound(error)).toBe(true);
    }
  });
});
