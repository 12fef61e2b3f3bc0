import { describe, expect, test } from 'bun:test';
import { AF, NLM_F, RTM } from '../../codec/constants.ts';
import type { NetlinkRequester } from '../../socket/requester.ts';
import { capturedMessage, recordingRequester, testGoldenRequests, toHex } from '../_golden.ts';
import { RT_SCOPE } from '../route/constants.ts';
import { IFA_F, IFAPROT, INFINITY_LIFE_TIME } from './constants.ts';
import { decodeAddressMessage, toAddress } from './decode.ts';
import { addressSpecToMessage, encodeAddressMessage } from './encode.ts';
import { DUMPS, REQUESTS } from './fixtures.ts';
import { addAddress, deleteAddress, replaceAddress } from './ops.ts';
import type { Address, AddressMessage, AddressSpec } from './types.ts';

const VETH0 = 3;
const FOREVER = INFINITY_LIFE_TIME;

type Op = (sock: NetlinkRequester, spec: AddressSpec) => void;

/** Each captured `ip addr` request, and the operation + spec that must send the same bytes. */
const requestCases: readonly { key: keyof typeof REQUESTS; op: Op; spec: AddressSpec }[] = [
  {
    key: 'add.v4',
    op: addAddress,
    spec: { index: VETH0, address: '10.1.2.3/24', broadcast: false },
  },
  { key: 'add.v4-brd-auto', op: addAddress, spec: { index: VETH0, address: '10.1.3.4/24' } },
  {
    key: 'add.v4-all',
    op: addAddress,
    spec: {
      index: VETH0,
      address: '10.1.4.5/24',
      broadcast: '10.1.4.255',
      label: 'veth0:foo',
      flags: IFA_F.NOPREFIXROUTE,
      validLifetime: 300,
      preferredLifetime: 200,
    },
  },
  {
    key: 'add.v4-peer',
    op: addAddress,
    spec: { index: VETH0, address: '10.1.5.1/32', peer: '10.1.5.2' },
  },
  {
    key: 'add.v4-scope',
    op: addAddress,
    spec: { index: VETH0, address: '10.1.6.1/24', scope: RT_SCOPE.LINK },
  },
  {
    key: 'add.v4-loopback',
    op: addAddress,
    spec: { index: VETH0, address: '127.0.0.5/8', broadcast: false },
  },
  {
    key: 'add.v6-nodad',
    op: addAddress,
    spec: { index: VETH0, address: 'fd00:1::2/64', flags: IFA_F.NODAD },
  },
  {
    key: 'add.v6-flags-lifetimes',
    op: addAddress,
    spec: {
      index: VETH0,
      address: 'fd00:2::2/64',
      flags: IFA_F.NODAD | IFA_F.NOPREFIXROUTE,
      validLifetime: 600,
      preferredLifetime: 300,
    },
  },
  {
    key: 'replace.v4',
    op: replaceAddress,
    spec: {
      index: VETH0,
      address: '10.1.2.3/24',
      broadcast: false,
      validLifetime: 100,
      preferredLifetime: 50,
    },
  },
  {
    key: 'replace.v6',
    op: replaceAddress,
    spec: { index: VETH0, address: 'fd00:1::2/64', flags: IFA_F.NODAD },
  },
  {
    key: 'del.v4-label',
    op: deleteAddress,
    spec: { index: VETH0, address: '10.1.4.5/24', label: 'veth0:foo' },
  },
  { key: 'del.v4', op: deleteAddress, spec: { index: VETH0, address: '10.1.2.3/24' } },
  { key: 'del.v6', op: deleteAddress, spec: { index: VETH0, address: 'fd00:1::2/64' } },
];

describe('address requests (golden, from ip)', () => {
  testGoldenRequests(REQUESTS, requestCases, {
    toMessage: addressSpecToMessage,
    decode: decodeAddressMessage,
    encode: encodeAddressMessage,
  });

  test('decodes every field of `ip addr add … brd … label … noprefixroute … valid_lft …`', () => {
    const message = decodeAddressMessage(capturedMessage(REQUESTS['add.v4-all'].hex).payload);
    expect(message).toEqual({
      family: AF.INET,
      prefixLength: 24,
      flags: 0,
      scope: RT_SCOPE.UNIVERSE,
      index: VETH0,
      attributes: [
        { kind: 'IFA_LOCAL', value: '10.1.4.5' },
        { kind: 'IFA_BROADCAST', value: '10.1.4.255' },
        { kind: 'IFA_LABEL', value: 'veth0:foo' },
        { kind: 'IFA_FLAGS', value: IFA_F.NOPREFIXROUTE },
        { kind: 'IFA_ADDRESS', value: '10.1.4.5' },
        { kind: 'IFA_CACHEINFO', value: { preferred: 200, valid: 300, created: 0, updated: 0 } },
      ],
    } satisfies AddressMessage);
  });

  test('the request types and flags are those of ip', () => {
    const sock = recordingRequester();
    addAddress(sock, { index: 1, address: '10.0.0.1/8' });
    replaceAddress(sock, { index: 1, address: '10.0.0.1/8' });
    deleteAddress(sock, { index: 1, address: '10.0.0.1/8' });
    expect(sock.requests.map((r) => [r.op, r.type, r.flags])).toEqual([
      ['RTM_NEWADDR', RTM.NEWADDR, NLM_F.CREATE | NLM_F.EXCL],
      ['RTM_NEWADDR', RTM.NEWADDR, NLM_F.CREATE | NLM_F.REPLACE],
      ['RTM_DELADDR', RTM.DELADDR, 0],
    ]);
  });
});

type Row = Omit<Address, 'message'>;

/** `ip addr show` after the requests above, as records (message left out). */
const expectedDump: readonly Row[] = [
  {
    family: AF.INET,
    index: 1,
    address: '127.0.0.1/8',
    scope: RT_SCOPE.HOST,
    flags: IFA_F.PERMANENT,
    label: 'lo',
    validLifetime: FOREVER,
    preferredLifetime: FOREVER,
  },
  {
    family: AF.INET,
    index: VETH0,
    address: '127.0.0.5/8',
    scope: RT_SCOPE.HOST,
    flags: IFA_F.PERMANENT,
    label: 'veth0',
    validLifetime: FOREVER,
    preferredLifetime: FOREVER,
  },
  {
    family: AF.INET,
    index: VETH0,
    address: '10.1.6.1/24',
    scope: RT_SCOPE.LINK,
    flags: IFA_F.PERMANENT,
    broadcast: '10.1.6.255',
    label: 'veth0',
    validLifetime: FOREVER,
    preferredLifetime: FOREVER,
  },
  {
    family: AF.INET,
    index: VETH0,
    address: '10.1.2.3/24',
    scope: RT_SCOPE.UNIVERSE,
    flags: 0,
    label: 'veth0',
    validLifetime: 100,
    preferredLifetime: 50,
  },
  {
    family: AF.INET,
    index: VETH0,
    address: '10.1.3.4/24',
    scope: RT_SCOPE.UNIVERSE,
    flags: IFA_F.PERMANENT,
    broadcast: '10.1.3.255',
    label: 'veth0',
    validLifetime: FOREVER,
    preferredLifetime: FOREVER,
  },
  {
    family: AF.INET,
    index: VETH0,
    address: '10.1.4.5/24',
    scope: RT_SCOPE.UNIVERSE,
    flags: IFA_F.NOPREFIXROUTE,
    broadcast: '10.1.4.255',
    label: 'veth0:foo',
    validLifetime: 300,
    preferredLifetime: 200,
  },
  {
    family: AF.INET,
    index: VETH0,
    address: '10.1.5.1/32',
    peer: '10.1.5.2',
    scope: RT_SCOPE.UNIVERSE,
    flags: IFA_F.PERMANENT,
    label: 'veth0',
    validLifetime: FOREVER,
    preferredLifetime: FOREVER,
  },
  {
    family: AF.INET6,
    index: 1,
    address: '::1/128',
    scope: RT_SCOPE.HOST,
    flags: IFA_F.PERMANENT,
    validLifetime: FOREVER,
    preferredLifetime: FOREVER,
    protocol: IFAPROT.KERNEL_LO,
  },
  {
    family: AF.INET6,
    index: 2,
    address: 'fe80::ff:fe00:2/64',
    scope: RT_SCOPE.LINK,
    flags: IFA_F.PERMANENT | IFA_F.TENTATIVE,
    validLifetime: FOREVER,
    preferredLifetime: FOREVER,
    protocol: IFAPROT.KERNEL_LL,
  },
  {
    family: AF.INET6,
    index: VETH0,
    address: 'fd00:2::2/64',
    scope: RT_SCOPE.UNIVERSE,
    flags: IFA_F.NODAD | IFA_F.NOPREFIXROUTE,
    validLifetime: 600,
    preferredLifetime: 300,
  },
  {
    family: AF.INET6,
    index: VETH0,
    address: 'fd00:1::2/64',
    scope: RT_SCOPE.UNIVERSE,
    flags: IFA_F.NODAD | IFA_F.PERMANENT,
    validLifetime: FOREVER,
    preferredLifetime: FOREVER,
  },
  {
    family: AF.INET6,
    index: VETH0,
    address: 'fe80::ff:fe00:1/64',
    scope: RT_SCOPE.LINK,
    flags: IFA_F.PERMANENT | IFA_F.TENTATIVE,
    validLifetime: FOREVER,
    preferredLifetime: FOREVER,
    protocol: IFAPROT.KERNEL_LL,
  },
];

describe('address dump (golden, `ip addr show`)', () => {
  const replies = DUMPS.dump.replies.map((hex) => capturedMessage(hex));

  test('the dump request is the one ip sends', () => {
    const request = capturedMessage(DUMPS.dump.request);
    expect(request.type).toBe(RTM.GETADDR);
    expect(decodeAddressMessage(request.payload)).toEqual({
      family: AF.UNSPEC,
      prefixLength: 0,
      flags: 0,
      scope: 0,
      index: 0,
      attributes: [],
    });
  });

  test('decodes every reply to the expected record', () => {
    const rows = replies.map((reply) => {
      const { message: _message, ...row } = toAddress(decodeAddressMessage(reply.payload));
      return row;
    });
    expect(rows).toEqual([...expectedDump]);
  });

  test('encodes every decoded reply back to the kernel bytes', () => {
    for (const reply of replies) {
      const message = decodeAddressMessage(reply.payload);
      expect(toHex(encodeAddressMessage(message))).toBe(toHex(reply.payload));
    }
  });

  test('keeps the kernel attributes in wire order', () => {
    const lo6 = decodeAddressMessage(replies[7]?.payload ?? new Uint8Array());
    expect(lo6.attributes.map((a) => a.kind)).toEqual([
      'IFA_ADDRESS',
      'IFA_CACHEINFO',
      'IFA_FLAGS',
      'IFA_PROTO',
    ]);
  });
});
