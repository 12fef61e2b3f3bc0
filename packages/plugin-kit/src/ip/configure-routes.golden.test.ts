import { describe, expect, test } from 'bun:test';
import type { Route } from '@cni-ts/spec-types';
import { NLM_F } from '../netlink/codec/constants.ts';
import { decodeMessages, encodeMessage } from '../netlink/codec/header.ts';
import { decodeRouteMessage } from '../netlink/route/route/decode.ts';
import { routeSpecToMessage } from '../netlink/route/route/encode.ts';
import { addRouteEcmp } from '../netlink/route/route/ops.ts';
import { ROUTE_PREPEND_CAPTURES, type RouteCapture } from './fixtures/route-prepend-captures.ts';
import { scriptedRequester } from './fixtures/scripted-requester.ts';
import { type FamilyGateways, groupRoutes, routeSpecForGroup } from './route-groups.ts';

const ETH0_INDEX = 3;
const gateways: FamilyGateways = { v4: '10.244.60.1', v6: 'fd00:60::1' };

/** The whole request configureInterface sends for one group of result routes (seq/pid 0). */
function sentFor(routes: Route[]): Uint8Array {
  const [group, ...more] = groupRoutes(routes, gateways);
  if (group === undefined || more.length > 0) throw new Error('expected exactly one group');
  const sock = scriptedRequester(() => []);
  addRouteEcmp(sock, routeSpecForGroup(group, ETH0_INDEX));
  const [request] = sock.requests;
  if (request === undefined) throw new Error('nothing sent');
  // The socket adds NLM_F_REQUEST|NLM_F_ACK to every request that is not a dump.
  return encodeMessage({
    type: request.type,
    flags: request.flags | NLM_F.REQUEST | NLM_F.ACK,
    seq: 0,
    pid: 0,
    payload: request.payload,
  });
}

/** The captured message with nlmsg_seq and nlmsg_pid zeroed. */
function captured(capture: RouteCapture): Uint8Array {
  const bytes = Buffer.from(capture.hex, 'hex');
  bytes.fill(0, 8, 16);
  return new Uint8Array(bytes);
}

function payloadOf(bytes: Uint8Array): Uint8Array {
  const [message] = decodeMessages(bytes);
  if (message === undefined) throw new Error('no message');
  return message.payload;
}

describe('configureInterface routes against `ip route prepend`', () => {
  const cases: [keyof typeof ROUTE_PREPEND_CAPTURES, Route[]][] = [
    [
      'ecmpV4',
      [
        { dst: '10.99.0.0/16', gw: '10.244.60.1' },
        { dst: '10.99.0.0/16', gw: '10.244.60.254' },
      ],
    ],
    ['defaultV4', [{ dst: '0.0.0.0/0' }]],
    [
      'ecmpV6',
      [
        { dst: 'fd00:99::/64', gw: 'fd00:60::1' },
        { dst: 'fd00:99::/64', gw: 'fd00:60::fe' },
      ],
    ],
    [
      'tableMetricMtu',
      [{ dst: '10.98.0.0/16', priority: 50, table: 100, mtu: 1400, advmss: 1360 }],
    ],
  ];

  for (const [name, routes] of cases) {
    const capture = ROUTE_PREPEND_CAPTURES[name];
    test(`sends ip's bytes for ${capture.command}`, () => {
      expect(Buffer.from(sentFor(routes)).toString('hex')).toBe(
        Buffer.from(captured(capture)).toString('hex'),
      );
    });

    test(`decodes ip's request for ${capture.command} to the message it builds`, () => {
      const [group] = groupRoutes(routes, gateways);
      if (group === undefined) throw new Error('no group');
      const built = routeSpecToMessage(routeSpecForGroup(group, ETH0_INDEX), 'new');
      expect(decodeRouteMessage(payloadOf(captured(capture)))).toEqual(built);
    });
  }

  test('differs from ip for an IPv6 default route only by the RTA_DST "::" that ip adds', () => {
    // iproute2 sends RTA_DST :: for `ip -6 route … default`; the kit's route encoder leaves
    // the attribute out for every /0 destination, as Go's netlink does. The kernel reads
    // both as the default route (the namespace tests check the route it installs).
    const ours = decodeRouteMessage(payloadOf(sentFor([{ dst: '::/0' }])));
    const theirs = decodeRouteMessage(payloadOf(captured(ROUTE_PREPEND_CAPTURES.defaultV6)));
    const withoutDst = theirs.attributes.filter((attribute) => attribute.kind !== 'RTA_DST');
    expect<unknown>(withoutDst).toEqual([...ours.attributes]);
    expect(theirs.attributes).toContainEqual({ kind: 'RTA_DST', value: '::' });
    expect({ ...theirs, attributes: [] }).toEqual({ ...ours, attributes: [] });
  });
});
