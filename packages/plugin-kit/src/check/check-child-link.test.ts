import { describe, expect, test } from 'bun:test';
import { thrown } from '../testing/thrown.ts';
import { expectLinkMode } from './check-child-link.ts';

describe('expectLinkMode', () => {
  test("the same mode passes; another, or none, fails with upstream's text", () => {
    expect(() => expectLinkMode('IPVlan', 'l3', 'l3')).not.toThrow();
    expect(thrown(() => expectLinkMode('IPVlan', 'l3', 'l2'))).toMatchObject({
      code: 999,
      msg: 'Container IPVlan mode l2 does not match expected value: l3',
    });
    expect(thrown(() => expectLinkMode('macvlan', 'bridge', undefined))).toMatchObject({
      code: 999,
      msg: 'Container macvlan mode unknown does not match expected value: bridge',
    });
  });
});
