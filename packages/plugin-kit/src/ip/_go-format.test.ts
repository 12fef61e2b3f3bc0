import { describe, expect, test } from 'bun:test';
import { NetlinkError } from '../netlink/socket/netlink-error.ts';
import { SyscallError } from '../sys/syscall-error.ts';
import {
  goErrorText,
  goIp,
  goIpConfig,
  goIpNet,
  goMaskHex,
  goRoute,
  goScope,
} from './_go-format.ts';

describe('goMaskHex', () => {
  test('prints IPv4 masks in 4 bytes and IPv6 masks in 16, as Go IPMask.String()', () => {
    expect(goMaskHex(24, 4)).toBe('ffffff00');
    expect(goMaskHex(0, 4)).toBe('00000000');
    expect(goMaskHex(29, 4)).toBe('fffffff8');
    expect(goMaskHex(64, 6)).toBe('ffffffffffffffff0000000000000000');
    expect(goMaskHex(128, 6)).toBe('ffffffffffffffffffffffffffffffff');
  });
});

describe('goIpNet', () => {
  test('prints an IPNet value with and without field names, host bits kept', () => {
    expect(goIpNet('10.244.50.4/24', true)).toBe('{IP:10.244.50.4 Mask:ffffff00}');
    expect(goIpNet('10.0.0.0/8', false)).toBe('{10.0.0.0 ff000000}');
    expect(goIpNet('fd00:50::4/64', true)).toBe(
      '{IP:fd00:50::4 Mask:ffffffffffffffff0000000000000000}',
    );
  });
});

describe('goIpConfig', () => {
  test('prints an IPConfig as %+v does, with the interface index as a number', () => {
    expect(goIpConfig({ interface: 2, address: '10.1.2.3/24', gateway: '10.1.2.1' })).toBe(
      '{Interface:2 Address:{IP:10.1.2.3 Mask:ffffff00} Gateway:10.1.2.1}',
    );
    expect(goIpConfig({ address: 'fd00::3/64' })).toBe(
      '{Interface:<nil> Address:{IP:fd00::3 Mask:ffffffffffffffff0000000000000000} Gateway:<nil>}',
    );
  });
});

describe('goRoute', () => {
  test('prints a route as upstream types.Route String()', () => {
    expect(goRoute({ dst: '10.2.0.0/16', gw: '10.1.0.1' })).toBe(
      '{Dst:{IP:10.2.0.0 Mask:ffff0000} GW:10.1.0.1 MTU:0 AdvMSS:0 Priority:0 Table:<nil> Scope:<nil>}',
    );
    expect(goRoute({ dst: '0.0.0.0/0', priority: 5, table: 100, scope: 0, mtu: 1400 })).toBe(
      '{Dst:{IP:0.0.0.0 Mask:00000000} GW:<nil> MTU:1400 AdvMSS:0 Priority:5 Table:100 Scope:0}',
    );
  });
});

describe('goIp and goScope', () => {
  test('print nil IPs and netlink scopes as Go does', () => {
    expect(goIp(undefined)).toBe('<nil>');
    expect(goIp('10.0.0.1')).toBe('10.0.0.1');
    expect([0, 200, 253, 254, 255, 7].map(goScope)).toEqual([
      'universe',
      'site',
      'link',
      'host',
      'nowhere',
      'unknown',
    ]);
  });
});

describe('goErrorText', () => {
  test('gives the errno text for kernel and libc errors, the message otherwise', () => {
    expect(goErrorText(new NetlinkError({ op: 'RTM_NEWLINK', errno: 17, seq: 1 }))).toBe(
      'file exists',
    );
    expect(goErrorText(new SyscallError('open', 2))).toBe('no such file or directory');
    expect(goErrorText(new Error('boom'))).toBe('boom');
    expect(goErrorText('text')).toBe('text');
  });
});
