import { describe, expect, test } from 'bun:test';
import { dnsOverride } from './dns.ts';

describe('dnsOverride', () => {
  test('a config dns with any list (even empty) or a domain replaces the IPAM DNS', () => {
    expect(dnsOverride({ nameservers: ['10.0.0.53'] })).toEqual({ nameservers: ['10.0.0.53'] });
    expect(dnsOverride({ search: [] })).toEqual({ search: [] });
    expect(dnsOverride({ domain: 'example.test' })).toEqual({ domain: 'example.test' });
  });

  test('an absent or empty dns leaves the IPAM DNS', () => {
    expect(dnsOverride(undefined)).toBeUndefined();
    expect(dnsOverride({})).toBeUndefined();
    expect(dnsOverride({ domain: '' })).toBeUndefined();
  });
});
