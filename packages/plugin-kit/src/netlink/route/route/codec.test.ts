import { describe, expect, test } from 'bun:test';
import { AF, NLM_F, RTM } from '../../codec/constants.ts';
import type { NetlinkRequester } from '../../socket/requester.ts';
import {
  capturedMessage,
  onlyRequest,
  recordingRequester,
  testGoldenReplies,
  testGoldenRequests,
  toHex,
} from '../_golden.ts';
import { RT_SCOPE, RT_TABLE, RTN, RTNH_F, RTPROT } from './constants.ts';
import { decodeRouteMessage, toRoute } from './decode.ts';
import { encodeRouteMessage, routeSpecToMessage } from './encode.ts';
import { DUMPS, REQUESTS } from './fixtures.ts';
import { addRoute, addRouteEcmp, deleteRoute, replaceRoute } from './ops.ts';
import type { Route, RouteCacheInfo, RouteMessage, RouteSpec } from './types.ts';

const VETH0 = 3;
const VETH1 = 2;
const LO = 1;

type Op = (sock: NetlinkRequester, spec: RouteSpec) => void;

/** Each captured `ip route` request, and the operation + spec that must send the same bytes. */
const requestCases: readonly { key: keyof typeof REQUESTS; op: Op; spec: RouteSpec }[] = [
  {
    key: 'add.v4-via',
    op: addRoute,
    spec: { dst: '10.2.0.0/16', gateway: '10.1.2.1', oif: VETH0 },
  },
  {
    key: 'add.v4-table-proto-scope-metric',
    op: addRoute,
    spec: {
      dst: '10.3.0.0/16',
      oif: VETH0,
      table: 100,
      protocol: RTPROT.STATIC,
      scope: RT_SCOPE.LINK,
      priority: 50,
    },
  },
  {
    key: 'add.v4-table-src-mtu-advmss',
    op: addRoute,
    spec: {
      dst: '10.4.0.0/16',
      gateway: '10.1.2.1',
      table: 1000,
      prefsrc: '10.1.2.3',
      oif: VETH0,
      mtu: 1400,
      advmss: 1360,
    },
  },
  {
    key: 'add.v4-onlink',
    op: addRoute,
    spec: { dst: '10.5.0.0/16', gateway: '10.9.9.9', oif: VETH0, onlink: true },
  },
  {
    key: 'add.v4-multipath',
    op: addRoute,
    spec: {
      dst: '10.6.0.0/16',
      multipath: [
        { gateway: '10.1.2.1', oif: VETH0, weight: 1 },
        { gateway: '10.1.2.2', oif: VETH0, weight: 3 },
      ],
    },
  },
  {
    key: 'add.v4-default',
    op: addRoute,
    spec: { dst: '0.0.0.0/0', gateway: '10.1.2.1', priority: 100, oif: VETH0 },
  },
  { key: 'add.v4-blackhole', op: addRoute, spec: { dst: '10.7.0.0/16', type: RTN.BLACKHOLE } },
  {
    key: 'add.v4-unreachable-table',
    op: addRoute,
    spec: { dst: '10.8.0.0/16', type: RTN.UNREACHABLE, table: 300 },
  },
  {
    key: 'add.v6-via-metric',
    op: addRoute,
    spec: { dst: 'fd00:9::/64', gateway: 'fd00:1::1', priority: 256, oif: VETH0 },
  },
  {
    key: 'add.v6-multipath',
    op: addRoute,
    spec: {
      dst: 'fd00:a::/64',
      multipath: [
        { gateway: 'fd00:1::a', oif: VETH0 },
        { gateway: 'fd00:1::b', oif: VETH0, weight: 2 },
      ],
    },
  },
  { key: 'add.v6-expires', op: addRoute, spec: { dst: 'fd00:b::/64', oif: VETH0, expires: 300 } },
  {
    key: 'add.v6-from',
    op: addRoute,
    spec: { dst: 'fd00:c::/64', src: 'fd00:1::/64', gateway: 'fd00:1::1', oif: VETH0 },
  },
  {
    key: 'prepend.v6-ecmp',
    op: addRouteEcmp,
    spec: { dst: 'fd00:9::/64', gateway: 'fd00:1::c', priority: 256, oif: VETH0 },
  },
  {
    key: 'replace.v4',
    op: replaceRoute,
    spec: { dst: '10.2.0.0/16', gateway: '10.1.2.2', oif: VETH0 },
  },
  { key: 'del.v4', op: deleteRoute, spec: { dst: '10.2.0.0/16' } },
  { key: 'del.v4-table', op: deleteRoute, spec: { dst: '10.4.0.0/16', table: 1000 } },
  {
    key: 'del.v6-via',
    op: deleteRoute,
    spec: { dst: 'fd00:9::/64', gateway: 'fd00:1::1', oif: VETH0 },
  },
];

/** The one capture where our request differs from ip's on purpose (see the test). */
const v6Default = {
  key: 'add.v6-default-table-mtu',
  spec: { dst: '::/0', gateway: 'fe80::1', table: 1000, oif: VETH0, mtu: 1300 },
} as const;

describe('route requests (golden, from ip)', () => {
  testGoldenRequests(
    REQUESTS,
    requestCases,
    {
      toMessage: routeSpecToMessage,
      decode: decodeRouteMessage,
      encode: encodeRouteMessage,
    },
    [v6Default.key],
  );

  test('`ip -6 route add default …` differs only in the RTA_DST "::" that ip adds', () => {
    // ip sends RTA_DST :: (16 zero bytes) for an IPv6 default route but none for IPv4; the
    // kernel ignores a destination of length 0, so we send none for either family.
    const captured = capturedMessage(REQUESTS[v6Default.key].hex);
    const fromIp = decodeRouteMessage(captured.payload);
    expect(fromIp.attributes[0]).toEqual({ kind: 'RTA_DST', value: '::' });
    const withoutDst = { ...fromIp, attributes: fromIp.attributes.slice(1) };
    expect(routeSpecToMessage(v6Default.spec, 'new')).toEqual(withoutDst);
    const sock = recordingRequester();
    addRoute(sock, v6Default.spec);
    const ours = onlyRequest(sock.requests);
    expect(toHex(ours.payload)).toBe(toHex(encodeRouteMessage(withoutDst)));
    expect(ours.flags | NLM_F.REQUEST | NLM_F.ACK).toBe(captured.flags);
    expect(toHex(encodeRouteMessage(fromIp))).toBe(toHex(captured.payload));
  });

  test('decodes every field of the multipath request', () => {
    const message = decodeRouteMessage(capturedMessage(REQUESTS['add.v4-multipath'].hex).payload);
    expect(message).toEqual({
      family: AF.INET,
      dstLength: 16,
      srcLength: 0,
      tos: 0,
      table: RT_TABLE.MAIN,
      protocol: RTPROT.BOOT,
      scope: RT_SCOPE.UNIVERSE,
      type: RTN.UNICAST,
      flags: 0,
      attributes: [
        { kind: 'RTA_DST', value: '10.6.0.0' },
        {
          kind: 'RTA_MULTIPATH',
          value: [
            {
              flags: 0,
              hops: 0,
              index: VETH0,
              attributes: [{ kind: 'RTA_GATEWAY', value: '10.1.2.1' }],
            },
            {
              flags: 0,
              hops: 2,
              index: VETH0,
              attributes: [{ kind: 'RTA_GATEWAY', value: '10.1.2.2' }],
            },
          ],
        },
      ],
    } satisfies RouteMessage);
  });

  test('decodes the nested metrics of `… mtu 1400 advmss 1360`', () => {
    const message = decodeRouteMessage(
      capturedMessage(REQUESTS['add.v4-table-src-mtu-advmss'].hex).payload,
    );
    expect(message.attributes.find((a) => a.kind === 'RTA_METRICS')).toEqual({
      kind: 'RTA_METRICS',
      value: [
        { kind: 'RTAX_MTU', value: 1400 },
        { kind: 'RTAX_ADVMSS', value: 1360 },
      ],
    });
  });

  test('the request types and flags are those of ip add/prepend/replace/del', () => {
    const sock = recordingRequester();
    const spec = { dst: '10.0.0.0/8', oif: 1 };
    addRoute(sock, spec);
    addRouteEcmp(sock, spec);
    replaceRoute(sock, spec);
    deleteRoute(sock, spec);
    expect(sock.requests.map((r) => [r.op, r.type, r.flags])).toEqual([
      ['RTM_NEWROUTE', RTM.NEWROUTE, NLM_F.CREATE | NLM_F.EXCL],
      ['RTM_NEWROUTE', RTM.NEWROUTE, NLM_F.CREATE],
      ['RTM_NEWROUTE', RTM.NEWROUTE, NLM_F.CREATE | NLM_F.REPLACE],
      ['RTM_DELROUTE', RTM.DELROUTE, 0],
    ]);
  });

  test('clears host bits of the destination', () => {
    const message = routeSpecToMessage({ dst: '10.1.2.3/16', oif: 1 }, 'new');
    expect(message.attributes[0]).toEqual({ kind: 'RTA_DST', value: '10.1.0.0' });
  });

  test('rejects a gateway of the other family and a weight out of range', () => {
    expect(() => routeSpecToMessage({ dst: '10.0.0.0/8', gateway: 'fd00::1' }, 'new')).toThrow(
      TypeError,
    );
    expect(() =>
      routeSpecToMessage({ dst: '10.0.0.0/8', multipath: [{ oif: 1, weight: 0 }] }, 'new'),
    ).toThrow(TypeError);
  });
});

type Row = Omit<Route, 'message'>;

const noCache: RouteCacheInfo = {
  clntref: 0,
  lastuse: 0,
  expires: 0,
  error: 0,
  used: 0,
  id: 0,
  ts: 0,
  tsage: 0,
};

const v4 = { family: AF.INET, tos: 0, flags: 0 } as const;
const boot = { protocol: RTPROT.BOOT, type: RTN.UNICAST } as const;
const kernel = { protocol: RTPROT.KERNEL } as const;
const mainLink = { table: RT_TABLE.MAIN, scope: RT_SCOPE.LINK, type: RTN.UNICAST } as const;
const localHost = { table: RT_TABLE.LOCAL, scope: RT_SCOPE.HOST, type: RTN.LOCAL } as const;
const localBrd = { table: RT_TABLE.LOCAL, scope: RT_SCOPE.LINK, type: RTN.BROADCAST } as const;

/** `ip -4 route show table all` after the requests above, as records (message left out). */
const expectedV4: readonly Row[] = [
  { ...v4, ...boot, dst: '10.8.0.0/16', table: 300, scope: 0, type: RTN.UNREACHABLE },
  {
    ...v4,
    dst: '10.3.0.0/16',
    table: 100,
    protocol: RTPROT.STATIC,
    scope: RT_SCOPE.LINK,
    type: RTN.UNICAST,
    oif: VETH0,
    priority: 50,
  },
  {
    ...v4,
    ...boot,
    dst: '10.4.0.0/16',
    table: 1000,
    scope: 0,
    gateway: '10.1.2.1',
    oif: VETH0,
    prefsrc: '10.1.2.3',
    mtu: 1400,
    advmss: 1360,
  },
  {
    ...v4,
    ...boot,
    dst: '0.0.0.0/0',
    table: RT_TABLE.MAIN,
    scope: 0,
    gateway: '10.1.2.1',
    oif: VETH0,
    priority: 100,
  },
  { ...v4, ...kernel, ...mainLink, dst: '10.1.2.0/24', oif: VETH0, prefsrc: '10.1.2.3' },
  { ...v4, ...kernel, ...mainLink, dst: '10.1.3.0/24', oif: VETH0, prefsrc: '10.1.3.4' },
  { ...v4, ...kernel, ...mainLink, dst: '10.1.5.2/32', oif: VETH0, prefsrc: '10.1.5.1' },
  { ...v4, ...kernel, ...mainLink, dst: '10.1.6.0/24', oif: VETH0, prefsrc: '10.1.6.1' },
  {
    ...v4,
    ...boot,
    dst: '10.2.0.0/16',
    table: RT_TABLE.MAIN,
    scope: 0,
    gateway: '10.1.2.2',
    oif: VETH0,
  },
  {
    ...v4,
    ...boot,
    dst: '10.5.0.0/16',
    table: RT_TABLE.MAIN,
    scope: 0,
    flags: RTNH_F.ONLINK,
    gateway: '10.9.9.9',
    oif: VETH0,
  },
  {
    ...v4,
    ...boot,
    dst: '10.6.0.0/16',
    table: RT_TABLE.MAIN,
    scope: 0,
    multipath: [
      { gateway: '10.1.2.1', oif: VETH0, weight: 1, flags: 0 },
      { gateway: '10.1.2.2', oif: VETH0, weight: 3, flags: 0 },
    ],
  },
  { ...v4, ...boot, dst: '10.7.0.0/16', table: RT_TABLE.MAIN, scope: 0, type: RTN.BLACKHOLE },
  { ...v4, ...kernel, ...mainLink, dst: '127.0.0.0/8', oif: VETH0, prefsrc: '127.0.0.5' },
  { ...v4, ...kernel, ...localHost, dst: '10.1.2.3/32', oif: VETH0, prefsrc: '10.1.2.3' },
  { ...v4, ...kernel, ...localBrd, dst: '10.1.2.255/32', oif: VETH0, prefsrc: '10.1.2.3' },
  { ...v4, ...kernel, ...localHost, dst: '10.1.3.4/32', oif: VETH0, prefsrc: '10.1.3.4' },
  { ...v4, ...kernel, ...localBrd, dst: '10.1.3.255/32', oif: VETH0, prefsrc: '10.1.3.4' },
  { ...v4, ...kernel, ...localHost, dst: '10.1.5.1/32', oif: VETH0, prefsrc: '10.1.5.1' },
  { ...v4, ...kernel, ...localHost, dst: '10.1.6.1/32', oif: VETH0, prefsrc: '10.1.6.1' },
  { ...v4, ...kernel, ...localBrd, dst: '10.1.6.255/32', oif: VETH0, prefsrc: '10.1.6.1' },
  { ...v4, ...kernel, ...localHost, dst: '127.0.0.0/8', oif: LO, prefsrc: '127.0.0.1' },
  { ...v4, ...kernel, ...localHost, dst: '127.0.0.1/32', oif: LO, prefsrc: '127.0.0.1' },
  { ...v4, ...kernel, ...localHost, dst: '127.0.0.5/32', oif: VETH0, prefsrc: '127.0.0.5' },
  { ...v4, ...kernel, ...localBrd, dst: '127.255.255.255/32', oif: LO, prefsrc: '127.0.0.1' },
  { ...v4, ...kernel, ...localBrd, dst: '127.255.255.255/32', oif: VETH0, prefsrc: '127.0.0.5' },
];

const v6 = { family: AF.INET6, tos: 0, flags: 0, scope: 0, pref: 0, cacheInfo: noCache } as const;
const main6 = { table: RT_TABLE.MAIN, type: RTN.UNICAST } as const;
const local6 = { ...kernel, table: RT_TABLE.LOCAL, type: RTN.LOCAL, priority: 0 } as const;
const mcast6 = { ...kernel, table: RT_TABLE.LOCAL, type: RTN.MULTICAST, priority: 256 } as const;

/** `ip -6 route show table all`: local table, link-local, multipath, expiring and from routes. */
const expectedV6: readonly Row[] = [
  {
    ...v6,
    ...boot,
    dst: '::/0',
    table: 1000,
    gateway: 'fe80::1',
    oif: VETH0,
    priority: 1024,
    mtu: 1300,
  },
  { ...v6, ...kernel, ...main6, dst: 'fd00:1::/64', oif: VETH0, priority: 256 },
  {
    ...v6,
    ...boot,
    ...main6,
    dst: 'fd00:9::/64',
    priority: 256,
    multipath: [
      { gateway: 'fd00:1::1', oif: VETH0, weight: 1, flags: 0 },
      { gateway: 'fd00:1::c', oif: VETH0, weight: 1, flags: 0 },
    ],
  },
  {
    ...v6,
    ...boot,
    ...main6,
    dst: 'fd00:a::/64',
    priority: 1024,
    multipath: [
      { gateway: 'fd00:1::a', oif: VETH0, weight: 1, flags: 0 },
      { gateway: 'fd00:1::b', oif: VETH0, weight: 2, flags: 0 },
    ],
  },
  {
    ...v6,
    ...boot,
    ...main6,
    dst: 'fd00:b::/64',
    oif: VETH0,
    priority: 1024,
    expires: 299,
    cacheInfo: { ...noCache, expires: 29980 },
  },
  {
    ...v6,
    ...boot,
    ...main6,
    dst: 'fd00:c::/64',
    src: 'fd00:1::/64',
    gateway: 'fd00:1::1',
    oif: VETH0,
    priority: 1024,
  },
  { ...v6, ...kernel, ...main6, dst: 'fe80::/64', oif: VETH1, priority: 256 },
  { ...v6, ...kernel, ...main6, dst: 'fe80::/64', oif: VETH0, priority: 256 },
  { ...v6, ...local6, dst: '::1/128', oif: LO },
  { ...v6, ...local6, dst: 'fd00:1::2/128', oif: VETH0 },
  { ...v6, ...local6, dst: 'fd00:2::2/128', oif: VETH0 },
  { ...v6, ...mcast6, dst: 'ff00::/8', oif: VETH1 },
  { ...v6, ...mcast6, dst: 'ff00::/8', oif: VETH0 },
];

describe('route dumps (golden, `ip -4|-6 route show table all`)', () => {
  const cases = [
    { key: 'dump.v4', family: AF.INET, expected: expectedV4 },
    { key: 'dump.v6', family: AF.INET6, expected: expectedV6 },
  ] as const;

  for (const { key, family, expected } of cases) {
    const captured = DUMPS[key];

    test(`\`${captured.command}\` asks for family ${family}`, () => {
      const request = capturedMessage(captured.request);
      expect(request.type).toBe(RTM.GETROUTE);
      expect(decodeRouteMessage(request.payload).family).toBe(family);
    });

    testGoldenReplies(
      captured,
      { decode: decodeRouteMessage, encode: encodeRouteMessage, toRecord: toRoute },
      expected,
    );
  }
});

describe('route with an IPv6 gateway (golden, RTA_VIA)', () => {
  const captured = DUMPS['dump.v4-via-inet6'];

  test('decodes `10.9.0.0/16 via inet6 fe80::1 dev veth0` and encodes it back', () => {
    const [hex] = captured.replies;
    const reply = capturedMessage(hex ?? '');
    const message = decodeRouteMessage(reply.payload);
    const { message: _message, ...row } = toRoute(message);
    expect(row).toEqual({
      family: AF.INET,
      dst: '10.9.0.0/16',
      via: { family: AF.INET6, address: 'fe80::1' },
      oif: VETH0,
      table: RT_TABLE.MAIN,
      protocol: RTPROT.BOOT,
      scope: RT_SCOPE.UNIVERSE,
      type: RTN.UNICAST,
      flags: 0,
      tos: 0,
    } satisfies Row);
    expect(toHex(encodeRouteMessage(message))).toBe(toHex(reply.payload));
  });

  test('the table filter of the dump request decodes as RTA_TABLE', () => {
    const request = decodeRouteMessage(capturedMessage(captured.request).payload);
    expect(request.attributes).toEqual([{ kind: 'RTA_TABLE', value: RT_TABLE.MAIN }]);
  });
});
