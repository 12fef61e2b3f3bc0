import { describe, expect, test } from 'bun:test';
import { isExists, isNotFound } from '../../../errors/predicates.ts';
import { errorReply } from '../../../testing/fake-transport.ts';
import { AF } from '../../codec/constants.ts';
import { dumpOf, fakeSocket, sentHex, thrown, withoutSeqPid } from '../_golden.ts';
import { RT_TABLE } from '../route/constants.ts';
import { DUMPS, REQUESTS } from './fixtures.ts';
import { addRule, deleteRule, listRules } from './ops.ts';

describe('listRules', () => {
  test('sends the dump requests of `ip rule show` and `ip -6 rule show`', () => {
    for (const [family, dump] of [
      [AF.INET, DUMPS['dump.v4']],
      [AF.INET6, DUMPS['dump.v6']],
    ] as const) {
      const { sock, transport } = fakeSocket((request) => dumpOf(request, dump.replies));
      expect(listRules(sock, { family })).toHaveLength(dump.replies.length);
      expect(sentHex(transport)).toBe(withoutSeqPid(dump.request));
    }
  });

  test('filters by table and priority', () => {
    const replies = [...DUMPS['dump.v4'].replies, ...DUMPS['dump.v6'].replies];
    const { sock } = fakeSocket((request) => dumpOf(request, replies));
    expect(listRules(sock, { table: RT_TABLE.MAIN }).map((r) => [r.family, r.priority])).toEqual([
      [AF.INET, 104],
      [AF.INET, 32766],
      [AF.INET6, 32766],
    ]);
    expect(listRules(sock, { priority: 200 }).map((r) => r.src)).toEqual(['fd00:1::/64']);
  });
});

describe('addRule and deleteRule over a socket', () => {
  test('go out as ip sends them', () => {
    const { sock, transport } = fakeSocket();
    addRule(sock, { priority: 200, src: 'fd00:1::/64', table: 200 });
    deleteRule(sock, { priority: 200, src: 'fd00:1::/64', table: 200 });
    expect(sentHex(transport, 0)).toBe(withoutSeqPid(REQUESTS['add.v6'].hex));
    expect(sentHex(transport, 1)).toBe(withoutSeqPid(REQUESTS['del.v6'].hex));
  });

  test('a duplicate rule isExists; a missing one (ENOENT) isNotFound', () => {
    const exists = fakeSocket((request) => [errorReply(request, 'EEXIST')]);
    expect(isExists(thrown(() => addRule(exists.sock, { priority: 5, table: 5 })))).toBe(true);
    const missing = fakeSocket((request) => [errorReply(request, 'ENOENT')]);
    expect(isNotFound(thrown(() => deleteRule(missing.sock, { priority: 5 })))).toBe(true);
  });
});
