import { describe, expect, test } from 'bun:test';
import { AF, NLM_F, RTM } from '../../codec/constants.ts';
import type { NetlinkRequester } from '../../socket/requester.ts';
import {
  capturedMessage,
  recordingRequester,
  testGoldenReplies,
  testGoldenRequests,
} from '../_golden.ts';
import { RT_TABLE, RTPROT } from '../route/constants.ts';
import { FIB_RULE, FR_ACT } from './constants.ts';
import { decodeRuleMessage, toRule } from './decode.ts';
import { encodeRuleMessage, ruleSpecToMessage } from './encode.ts';
import { DUMPS, REQUESTS } from './fixtures.ts';
import { addRule, deleteRule } from './ops.ts';
import type { Rule, RuleMessage, RuleSpec } from './types.ts';

const IPPROTO_TCP = 6;

type Op = (sock: NetlinkRequester, spec: RuleSpec) => void;

const selectors: RuleSpec = {
  priority: 100,
  src: '10.1.0.0/16',
  dst: '10.2.0.0/16',
  iifname: 'veth0',
  oifname: 'veth1',
  fwmark: 0x10,
  fwmask: 0xff,
  table: 100,
};

/** Each captured `ip rule` request, and the operation + spec that must send the same bytes. */
const requestCases: readonly { key: keyof typeof REQUESTS; op: Op; spec: RuleSpec }[] = [
  { key: 'add.v4-selectors', op: addRule, spec: selectors },
  {
    key: 'add.v4-not-table',
    op: addRule,
    spec: { priority: 101, invert: true, src: '10.3.0.0/16', table: 1000 },
  },
  { key: 'add.v4-blackhole', op: addRule, spec: { priority: 102, action: FR_ACT.BLACKHOLE } },
  { key: 'add.v4-goto', op: addRule, spec: { priority: 103, src: '10.4.0.0/16', goto: 110 } },
  {
    key: 'add.v4-suppress',
    op: addRule,
    spec: { priority: 104, table: RT_TABLE.MAIN, suppressPrefixLength: 0 },
  },
  {
    key: 'add.v4-fwmark-unreachable',
    op: addRule,
    spec: { priority: 105, fwmark: 0x20, action: FR_ACT.UNREACHABLE },
  },
  {
    key: 'add.v4-proto-ports',
    op: addRule,
    spec: {
      priority: 106,
      tos: 0x10,
      ipProto: IPPROTO_TCP,
      sportRange: { start: 1000, end: 2000 },
      dportRange: { start: 80, end: 80 },
      uidRange: { start: 100, end: 200 },
      table: 100,
      protocol: RTPROT.STATIC,
    },
  },
  { key: 'add.v6', op: addRule, spec: { priority: 200, src: 'fd00:1::/64', table: 200 } },
  { key: 'del.v4', op: deleteRule, spec: selectors },
  { key: 'del.v6', op: deleteRule, spec: { priority: 200, src: 'fd00:1::/64', table: 200 } },
];

describe('rule requests (golden, from ip)', () => {
  testGoldenRequests(REQUESTS, requestCases, {
    toMessage: ruleSpecToMessage,
    decode: decodeRuleMessage,
    encode: encodeRuleMessage,
  });

  test('decodes every selector of `ip rule add priority 100 from … table 100`', () => {
    const message = decodeRuleMessage(capturedMessage(REQUESTS['add.v4-selectors'].hex).payload);
    expect(message).toEqual({
      family: AF.INET,
      dstLength: 16,
      srcLength: 16,
      tos: 0,
      table: 100,
      action: FR_ACT.TO_TBL,
      flags: 0,
      attributes: [
        { kind: 'FRA_PRIORITY', value: 100 },
        { kind: 'FRA_SRC', value: '10.1.0.0' },
        { kind: 'FRA_DST', value: '10.2.0.0' },
        { kind: 'FRA_IIFNAME', value: 'veth0' },
        { kind: 'FRA_OIFNAME', value: 'veth1' },
        { kind: 'FRA_FWMARK', value: 0x10 },
        { kind: 'FRA_FWMASK', value: 0xff },
      ],
    } satisfies RuleMessage);
  });

  test('the request types and flags are those of ip rule add/del', () => {
    const sock = recordingRequester();
    addRule(sock, { priority: 5, table: 5 });
    deleteRule(sock, { priority: 5 });
    expect(sock.requests.map((r) => [r.op, r.type, r.flags])).toEqual([
      ['RTM_NEWRULE', RTM.NEWRULE, NLM_F.CREATE | NLM_F.EXCL],
      ['RTM_DELRULE', RTM.DELRULE, 0],
    ]);
  });

  test('rejects prefixes of two families', () => {
    expect(() => ruleSpecToMessage({ src: '10.0.0.0/8', dst: 'fd00::/8' }, 'new')).toThrow(
      TypeError,
    );
  });
});

type Row = Omit<Rule, 'message'>;

const base = { tos: 0, flags: 0, invert: false, action: FR_ACT.TO_TBL, protocol: 0 } as const;
const kernelRule = { ...base, protocol: RTPROT.KERNEL } as const;

const expectedV4: readonly Row[] = [
  { ...kernelRule, family: AF.INET, priority: 0, table: RT_TABLE.LOCAL },
  {
    ...base,
    family: AF.INET,
    priority: 100,
    table: 100,
    src: '10.1.0.0/16',
    dst: '10.2.0.0/16',
    iifname: 'veth0',
    oifname: 'veth1',
    fwmark: 0x10,
    fwmask: 0xff,
  },
  {
    ...base,
    family: AF.INET,
    priority: 101,
    table: 1000,
    invert: true,
    flags: FIB_RULE.INVERT,
    src: '10.3.0.0/16',
  },
  { ...base, family: AF.INET, priority: 102, table: 0, action: FR_ACT.BLACKHOLE },
  {
    ...base,
    family: AF.INET,
    priority: 103,
    table: 0,
    action: FR_ACT.GOTO,
    flags: FIB_RULE.UNRESOLVED,
    src: '10.4.0.0/16',
    goto: 110,
  },
  { ...base, family: AF.INET, priority: 104, table: RT_TABLE.MAIN, suppressPrefixLength: 0 },
  {
    ...base,
    family: AF.INET,
    priority: 105,
    table: 0,
    action: FR_ACT.UNREACHABLE,
    fwmark: 0x20,
    fwmask: 0xffffffff,
  },
  {
    ...base,
    family: AF.INET,
    priority: 106,
    table: 100,
    tos: 0x10,
    protocol: RTPROT.STATIC,
    ipProto: IPPROTO_TCP,
    sportRange: { start: 1000, end: 2000 },
    dportRange: { start: 80, end: 80 },
    uidRange: { start: 100, end: 200 },
  },
  { ...kernelRule, family: AF.INET, priority: 32766, table: RT_TABLE.MAIN },
  { ...kernelRule, family: AF.INET, priority: 32767, table: RT_TABLE.DEFAULT },
];

const expectedV6: readonly Row[] = [
  { ...kernelRule, family: AF.INET6, priority: 0, table: RT_TABLE.LOCAL },
  { ...base, family: AF.INET6, priority: 200, table: 200, src: 'fd00:1::/64' },
  { ...kernelRule, family: AF.INET6, priority: 32766, table: RT_TABLE.MAIN },
];

describe('rule dumps (golden, `ip rule show`, `ip -6 rule show`)', () => {
  const cases = [
    { key: 'dump.v4', family: AF.INET, expected: expectedV4 },
    { key: 'dump.v6', family: AF.INET6, expected: expectedV6 },
  ] as const;

  for (const { key, family, expected } of cases) {
    const captured = DUMPS[key];

    test(`\`${captured.command}\` asks for family ${family}`, () => {
      const request = capturedMessage(captured.request);
      expect(request.type).toBe(RTM.GETRULE);
      expect(decodeRuleMessage(request.payload).family).toBe(family);
    });

    testGoldenReplies(
      captured,
      { decode: decodeRuleMessage, encode: encodeRuleMessage, toRecord: toRule },
      expected,
    );
  }
});
