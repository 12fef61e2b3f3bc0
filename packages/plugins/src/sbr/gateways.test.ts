import { describe, expect, test } from 'bun:test';
import { isCniError } from '@cni-ts/spec-types';
import { staticGateways } from './gateways.ts';

function refusal(list: string[]): string {
  try {
    staticGateways(list);
  } catch (error) {
    if (isCniError(error)) return `${error.code} ${error.msg}`;
    throw error;
  }
  return 'accepted';
}

describe('staticGateways', () => {
  test('one per family, in canonical form; none is none', () => {
    expect(staticGateways(['FD00::0:1', '10.0.0.1'])).toEqual({ v4: '10.0.0.1', v6: 'fd00::1' });
    expect(staticGateways(undefined)).toEqual({});
    expect(staticGateways(null)).toEqual({});
  });

  test("upstream's refusals", () => {
    expect(refusal(['10.0.0.1', 'fd00::1', '10.0.0.2'])).toBe(
      '999 gateways list cannot contain more than 2 entries (one IPv4, one IPv6)',
    );
    expect(refusal(['10.0.0.256'])).toBe('999 invalid static gateway IP address: 10.0.0.256');
    expect(refusal(['10.0.0.1', '10.0.0.2'])).toBe(
      '999 gateways list contains multiple IPv4 addresses: 10.0.0.1 and 10.0.0.2',
    );
    expect(refusal(['fd00::1', 'fd00::2'])).toBe(
      '999 gateways list contains multiple IPv6 addresses: fd00::1 and fd00::2',
    );
  });
});
