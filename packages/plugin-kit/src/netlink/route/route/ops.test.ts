import { describe, expect, test } from 'bun:test';
import { isExists, isNotFound } from '../../../errors/predicates.ts';
import { errorReply } from '../../../testing/fake-transport.ts';
import { AF } from '../../codec/constants.ts';
import { dumpOf, fakeSocket, sentHex, thrown, withoutSeqPid } from '../_golden.ts';
import { RT_SCOPE, RT_TABLE, RTPROT } from './constants.ts';
import { DUMPS, REQUESTS } from './fixtures.ts';
import { addRoute, deleteRoute, listRoutes } from './ops.ts';

const v4 = DUMPS['dump.v4'];
const v6 = DUMPS['dump.v6'];

describe('listRoutes', () => {
  test('sends the dump request of `ip -4 route show table all` and returns every table', () => {
    const { sock, transport } = fakeSocket((request) => dumpOf(request, v4.replies));
    const routes = listRoutes(sock, { family: AF.INET });
    expect(sentHex(transport)).toBe(withoutSeqPid(v4.request));
    expect(routes).toHaveLength(v4.replies.length);
    expect(new Set(routes.map((r) => r.table))).toEqual(
      new Set([300, 100, 1000, RT_TABLE.MAIN, RT_TABLE.LOCAL]),
    );
  });

  test('sends the dump request of `ip -6 route show table all`', () => {
    const { sock, transport } = fakeSocket((request) => dumpOf(request, v6.replies));
    listRoutes(sock, { family: AF.INET6 });
    expect(sentHex(transport)).toBe(withoutSeqPid(v6.request));
  });

  test('with a table, sends the dump request of `ip -4 route show table main`', () => {
    const dump = DUMPS['dump.v4-via-inet6'];
    const { sock, transport } = fakeSocket((request) => dumpOf(request, dump.replies));
    const [route] = listRoutes(sock, { family: AF.INET, table: RT_TABLE.MAIN });
    expect(sentHex(transport)).toBe(withoutSeqPid(dump.request));
    expect(route?.via).toEqual({ family: AF.INET6, address: 'fe80::1' });
  });

  test('filters by table, destination, gateway, link, protocol and scope', () => {
    const { sock } = fakeSocket((request) => dumpOf(request, [...v4.replies, ...v6.replies]));
    expect(listRoutes(sock, { table: 1000 }).map((r) => r.dst)).toEqual(['10.4.0.0/16', '::/0']);
    expect(listRoutes(sock, { dst: '10.6.1.2/16' }).map((r) => r.multipath?.length)).toEqual([2]);
    expect(listRoutes(sock, { gateway: 'fd00:1::b' }).map((r) => r.dst)).toEqual(['fd00:a::/64']);
    expect(listRoutes(sock, { oif: 1, family: AF.INET }).map((r) => r.dst)).toEqual([
      '127.0.0.0/8',
      '127.0.0.1/32',
      '127.255.255.255/32',
    ]);
    const linkRoutes = listRoutes(sock, {
      family: AF.INET,
      table: RT_TABLE.MAIN,
      protocol: RTPROT.KERNEL,
      scope: RT_SCOPE.LINK,
    });
    expect(linkRoutes.map((r) => r.dst)).toEqual([
      '10.1.2.0/24',
      '10.1.3.0/24',
      '10.1.5.2/32',
      '10.1.6.0/24',
      '127.0.0.0/8',
    ]);
  });
});

describe('addRoute and deleteRoute over a socket', () => {
  test('go out as ip sends them', () => {
    const { sock, transport } = fakeSocket();
    addRoute(sock, { dst: '10.2.0.0/16', gateway: '10.1.2.1', oif: 3 });
    deleteRoute(sock, { dst: '10.2.0.0/16' });
    expect(sentHex(transport, 0)).toBe(withoutSeqPid(REQUESTS['add.v4-via'].hex));
    expect(sentHex(transport, 1)).toBe(withoutSeqPid(REQUESTS['del.v4'].hex));
  });

  test('a route that is there fails with isExists; a missing one with ESRCH, isNotFound', () => {
    const exists = fakeSocket((request) => [errorReply(request, 'EEXIST')]);
    expect(isExists(thrown(() => addRoute(exists.sock, { dst: '10.2.0.0/16', oif: 3 })))).toBe(
      true,
    );
    const missing = fakeSocket((request) => [errorReply(request, 'ESRCH')]);
    expect(isNotFound(thrown(() => deleteRoute(missing.sock, { dst: '10.9.0.0/16' })))).toBe(true);
  });

  test('a listed route can be deleted as it is', () => {
    const { sock, transport } = fakeSocket((request) => dumpOf(request, v4.replies));
    const [route] = listRoutes(sock, { dst: '10.3.0.0/16' });
    expect(route).toBeDefined();
    if (route === undefined) return;
    deleteRoute(sock, route);
    const message = transport.requests[1];
    expect(message?.payload.subarray(0, 8)).toEqual(
      Uint8Array.of(AF.INET, 16, 0, 0, 100, RTPROT.STATIC, RT_SCOPE.LINK, 1),
    );
  });
});
