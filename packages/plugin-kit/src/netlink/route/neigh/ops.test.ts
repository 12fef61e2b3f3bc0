import { describe, expect, test } from 'bun:test';
import { isExists, isNotFound } from '../../../errors/predicates.ts';
import { errorReply } from '../../../testing/fake-transport.ts';
import { AF } from '../../codec/constants.ts';
import { dumpOf, fakeSocket, sentHex, thrown, withoutSeqPid } from '../_golden.ts';
import { NTF } from './constants.ts';
import { DUMPS, REQUESTS } from './fixtures.ts';
import { addNeighbour, deleteNeighbour, listNeighbours, replaceNeighbour } from './ops.ts';

describe('listNeighbours', () => {
  test('sends the dump request of `ip neigh show` and filters by family and link', () => {
    const dump = DUMPS.dump;
    const { sock, transport } = fakeSocket((request) => dumpOf(request, dump.replies));
    expect(listNeighbours(sock)).toHaveLength(dump.replies.length);
    expect(sentHex(transport)).toBe(withoutSeqPid(dump.request));
    expect(listNeighbours(sock, { family: AF.INET }).map((n) => n.ip)).toEqual([
      '10.1.2.50',
      '10.1.2.54',
      '10.1.2.52',
      '10.1.2.51',
    ]);
    expect(listNeighbours(sock, { family: AF.INET6, index: 2 }).map((n) => n.ip)).toEqual([
      'ff02::1:ff00:2',
      'ff02::16',
      'ff02::2',
    ]);
  });

  test('sends the dump request of `ip neigh show proxy`', () => {
    const dump = DUMPS['dump.proxy'];
    const { sock, transport } = fakeSocket((request) => dumpOf(request, dump.replies));
    const [proxy] = listNeighbours(sock, { proxy: true });
    expect(sentHex(transport)).toBe(withoutSeqPid(dump.request));
    expect(proxy?.flags).toBe(NTF.PROXY);
  });
});

describe('neighbour changes over a socket', () => {
  test('go out as ip sends them', () => {
    const { sock, transport } = fakeSocket();
    addNeighbour(sock, { index: 3, ip: '10.1.2.50', mac: '02:00:00:00:00:50' });
    replaceNeighbour(sock, { index: 3, ip: '10.1.2.50', mac: '02:00:00:00:00:55' });
    deleteNeighbour(sock, { index: 3, ip: '10.1.2.50' });
    expect(sentHex(transport, 0)).toBe(withoutSeqPid(REQUESTS['add.v4'].hex));
    expect(sentHex(transport, 1)).toBe(withoutSeqPid(REQUESTS['replace.v4'].hex));
    expect(sentHex(transport, 2)).toBe(withoutSeqPid(REQUESTS['del.v4'].hex));
  });

  test('a duplicate entry isExists; a missing one (ENOENT) isNotFound', () => {
    const exists = fakeSocket((request) => [errorReply(request, 'EEXIST')]);
    const spec = { index: 3, ip: '10.1.2.50', mac: '02:00:00:00:00:50' };
    expect(isExists(thrown(() => addNeighbour(exists.sock, spec)))).toBe(true);
    const missing = fakeSocket((request) => [errorReply(request, 'ENOENT')]);
    expect(isNotFound(thrown(() => deleteNeighbour(missing.sock, spec)))).toBe(true);
  });
});
