import { describe, expect, test } from 'bun:test';
import { RTM } from '../netlink/codec/constants.ts';
import type { NetlinkRequest } from '../netlink/socket/requester.ts';
import { ensureAddress } from './ensure-address.ts';
import {
  addressMessage,
  kernelError,
  linkMessage,
  scriptedRequester,
} from './fixtures/scripted-requester.ts';
import { isNetSetupError } from './net-setup-error.ts';

function bridge(addresses: string[], onAdd?: (request: NetlinkRequest) => void) {
  return scriptedRequester((request) => {
    switch (request.type) {
      case RTM.GETADDR:
        return addresses.map((address) => addressMessage({ index: 5, address }));
      case RTM.NEWADDR:
        onAdd?.(request);
        return [];
      case RTM.GETLINK:
        return [linkMessage({ index: 5, name: 'br0', kind: 'bridge', mac: '02:00:00:00:00:05' })];
      default:
        return [];
    }
  });
}

function thrown(fn: () => void): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

const types = (sock: { requests: NetlinkRequest[] }) =>
  sock.requests.map((request) => request.type);

describe('ensureAddress', () => {
  test('adds the address and pins the MAC', () => {
    const sock = bridge([]);
    ensureAddress(sock, { index: 5, name: 'br0', address: '10.1.0.1/24' });
    expect(types(sock)).toEqual([RTM.GETADDR, RTM.NEWADDR, RTM.GETLINK, RTM.NEWLINK]);
  });

  test('does nothing when the address is there', () => {
    const sock = bridge(['10.1.0.1/24']);
    ensureAddress(sock, { index: 5, name: 'br0', address: '10.1.0.1/24' });
    expect(types(sock)).toEqual([RTM.GETADDR]);
  });

  test('refuses another IPv4 address with upstream text', () => {
    const sock = bridge(['10.1.0.9/24']);
    const error = thrown(() =>
      ensureAddress(sock, { index: 5, name: 'br0', address: '10.1.0.1/24' }),
    );
    expect(isNetSetupError(error, 'address-conflict')).toBe(true);
    expect((error as Error).message).toBe(
      '"br0" already has an IP address different from 10.1.0.1/24',
    );
    expect(types(sock)).toEqual([RTM.GETADDR]);
  });

  test('replaces a conflicting address with forceAddress', () => {
    const sock = bridge(['10.1.0.9/24']);
    ensureAddress(sock, { index: 5, name: 'br0', address: '10.1.0.1/24', forceAddress: true });
    expect(types(sock)).toEqual([RTM.GETADDR, RTM.DELADDR, RTM.NEWADDR, RTM.GETLINK, RTM.NEWLINK]);
  });

  test('keeps IPv6 addresses whose prefixes do not overlap, refuses overlapping ones', () => {
    const ok = bridge(['fe80::1/64', 'fd00:9::1/64']);
    ensureAddress(ok, { index: 5, name: 'br0', address: 'fd00:50::1/64', pinMac: false });
    expect(types(ok)).toEqual([RTM.GETADDR, RTM.NEWADDR]);
    const overlap = bridge(['fd00:50::7/64']);
    const error = thrown(() =>
      ensureAddress(overlap, { index: 5, name: 'br0', address: 'fd00:50::1/64' }),
    );
    expect(isNetSetupError(error, 'address-conflict')).toBe(true);
  });

  test('treats EEXIST from the add as success', () => {
    const sock = bridge([], (request) => {
      throw kernelError(request, 'EEXIST');
    });
    ensureAddress(sock, { index: 5, name: 'br0', address: '10.1.0.1/24' });
    expect(types(sock)).toEqual([RTM.GETADDR, RTM.NEWADDR, RTM.GETLINK, RTM.NEWLINK]);
  });
});
