// Root-only: policy-routing rules added, listed and deleted through a real route socket in a
// throwaway namespace (never the host's), cross-checked with `ip -j rule show` there.
import { afterEach, beforeEach, describe, expect, test } from 'bun:test';
import { isExists, isNotFound } from '../../../errors/predicates.ts';
import { createVethNetns, type VethNetns } from '../../../testing/_route-netns.ts';
import { canUseNetns } from '../../../testing/test-netns.ts';
import { useTimeLimit } from '../../../testing/time-limits.ts';
import { AF } from '../../codec/constants.ts';
import { thrown } from '../_golden.ts';
import { RT_TABLE, RTPROT } from '../route/constants.ts';
import { FR_ACT } from './constants.ts';
import { addRule, deleteRule, listRules } from './ops.ts';
import type { RuleSpec } from './types.ts';

useTimeLimit('netns');

interface IpRule {
  priority: number;
  src?: string;
  srclen?: number;
  dst?: string;
  dstlen?: number;
  iif?: string;
  oif?: string;
  fwmark?: string;
  fwmask?: string;
  table?: string;
  action?: string;
  not?: null;
  goto?: number;
  suppress_prefixlen?: number;
  ipproto?: string;
  sport?: number;
  sport_start?: number;
  sport_end?: number;
  dport?: number;
  uid_start?: number;
  uid_end?: number;
  protocol?: string;
}

const specs: readonly RuleSpec[] = [
  {
    priority: 100,
    src: '10.1.0.0/16',
    dst: '10.2.0.0/16',
    iifname: 'veth0',
    oifname: 'veth1',
    fwmark: 0x10,
    fwmask: 0xff,
    table: 100,
  },
  { priority: 101, invert: true, src: '10.3.0.0/16', table: 1000 },
  { priority: 102, action: FR_ACT.BLACKHOLE },
  { priority: 103, src: '10.4.0.0/16', goto: 110 },
  { priority: 104, table: RT_TABLE.MAIN, suppressPrefixLength: 0 },
  { priority: 105, fwmark: 0x20, action: FR_ACT.UNREACHABLE },
  {
    priority: 106,
    tos: 0x10,
    ipProto: 6,
    sportRange: { start: 1000, end: 2000 },
    dportRange: { start: 80, end: 80 },
    uidRange: { start: 100, end: 200 },
    table: 100,
    protocol: RTPROT.STATIC,
  },
  { priority: 200, src: 'fd00:1::/64', table: 200 },
  { priority: 201, family: AF.INET6, action: FR_ACT.PROHIBIT },
];

describe.skipIf(!canUseNetns())('rules in a throwaway namespace', () => {
  let env: VethNetns | undefined;
  beforeEach(() => {
    env = createVethNetns();
  });
  afterEach(() => {
    env?.remove();
    env = undefined;
  });

  function setup(): VethNetns {
    if (env === undefined) throw new Error('no namespace');
    return env;
  }

  function ipRule(e: VethNetns, family: '-4' | '-6', priority: number): IpRule | undefined {
    const rules = e.ipJson([family, 'rule', 'show']) as IpRule[];
    return rules.find((rule) => rule.priority === priority);
  }

  test('adds rules with every selector and action, as ip shows them', () => {
    const e = setup();
    for (const spec of specs) addRule(e.sock, spec);
    expect(ipRule(e, '-4', 100)).toMatchObject({
      src: '10.1.0.0',
      srclen: 16,
      dst: '10.2.0.0',
      dstlen: 16,
      iif: 'veth0',
      oif: 'veth1',
      fwmark: '0x10',
      fwmask: '0xff',
      table: '100',
    });
    expect(ipRule(e, '-4', 101)).toMatchObject({ not: null, src: '10.3.0.0', table: '1000' });
    expect(ipRule(e, '-4', 102)?.action).toBe('blackhole');
    expect(ipRule(e, '-4', 103)).toMatchObject({ src: '10.4.0.0', goto: 110 });
    expect(ipRule(e, '-4', 104)).toMatchObject({ table: 'main', suppress_prefixlen: 0 });
    expect(ipRule(e, '-4', 105)).toMatchObject({ fwmark: '0x20', action: 'unreachable' });
    expect(ipRule(e, '-4', 106)).toMatchObject({
      ipproto: 'tcp',
      sport_start: 1000,
      sport_end: 2000,
      dport: 80,
      uid_start: 100,
      uid_end: 200,
      protocol: 'static',
    });
    expect(ipRule(e, '-6', 200)).toMatchObject({ src: 'fd00:1::', srclen: 64, table: '200' });
    expect(ipRule(e, '-6', 201)?.action).toBe('prohibit');

    const v4 = listRules(e.sock, { family: AF.INET });
    expect(v4.map((rule) => rule.priority)).toEqual([
      0, 100, 101, 102, 103, 104, 105, 106, 32766, 32767,
    ]);
    expect(v4.find((rule) => rule.priority === 101)).toMatchObject({
      invert: true,
      table: 1000,
      src: '10.3.0.0/16',
    });
    expect(v4.find((rule) => rule.priority === 100)).toMatchObject({
      iifname: 'veth0',
      oifname: 'veth1',
      fwmark: 0x10,
      fwmask: 0xff,
      dst: '10.2.0.0/16',
    });
    const v6 = listRules(e.sock, { family: AF.INET6 });
    expect(v6.map((rule) => [rule.priority, rule.action])).toEqual([
      [0, FR_ACT.TO_TBL],
      [200, FR_ACT.TO_TBL],
      [201, FR_ACT.PROHIBIT],
      [32766, FR_ACT.TO_TBL],
    ]);
  });

  test('a duplicate rule isExists; deleting removes it; deleting again isNotFound', () => {
    const e = setup();
    for (const spec of specs) addRule(e.sock, spec);
    for (const spec of specs) expect(isExists(thrown(() => addRule(e.sock, spec)))).toBe(true);
    for (const spec of specs) deleteRule(e.sock, spec);
    expect(listRules(e.sock).map((rule) => rule.priority)).toEqual([0, 32766, 32767, 0, 32766]);
    for (const spec of specs) expect(isNotFound(thrown(() => deleteRule(e.sock, spec)))).toBe(true);
  });

  test('deletes listed rules as they are', () => {
    const e = setup();
    for (const spec of specs) addRule(e.sock, spec);
    const ours = listRules(e.sock).filter((rule) => rule.protocol !== RTPROT.KERNEL);
    expect(ours).toHaveLength(specs.length);
    for (const rule of ours) deleteRule(e.sock, rule);
    expect(listRules(e.sock).filter((rule) => rule.protocol !== RTPROT.KERNEL)).toEqual([]);
  });
});
