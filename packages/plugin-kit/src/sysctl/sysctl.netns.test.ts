// Sysctl writes happen only inside throwaway namespaces. The machine's own values are read
// (never written) to check that they did not change.
import { afterEach, describe, expect, test } from 'bun:test';
import { readFileSync } from 'node:fs';
import { isSyscallError } from '../sys/syscall-error.ts';
import { canUseNetns, createTestNetns, type TestNetns } from '../testing/test-netns.ts';
import { useTimeLimit } from '../testing/time-limits.ts';
import { ensureIpForward, ensureIpForwardFor } from './ip-forward.ts';
import { readSysctl, setSysctl, writeSysctl } from './sysctl.ts';

useTimeLimit('netns');

function hostValue(path: string): string {
  return readFileSync(path, 'utf8');
}

describe.skipIf(!canUseNetns())('sysctl in a namespace (root)', () => {
  let made: TestNetns[] = [];
  const testNetns = (): TestNetns => {
    const ns = createTestNetns();
    made.push(ns);
    return ns;
  };
  afterEach(() => {
    for (const ns of made) ns.remove();
    made = [];
  });

  test('writeSysctl changes the namespace value only, and returns the value read back', () => {
    const target = testNetns();
    const host = hostValue('/proc/sys/net/ipv4/ip_forward');
    expect(readSysctl('net.ipv4.ip_forward', { netns: target.ns })).toBe('0');
    expect(writeSysctl('net.ipv4.ip_forward', '1', { netns: target.ns })).toBe('1');
    expect(readSysctl('net.ipv4.ip_forward', { netns: target.ns })).toBe('1');
    expect(target.exec(['cat', '/proc/sys/net/ipv4/ip_forward']).trim()).toBe('1');
    expect(hostValue('/proc/sys/net/ipv4/ip_forward')).toBe(host);
  });

  test('setSysctl writes without reading back, so write-only sysctls work', () => {
    const target = testNetns();
    // net.ipv4.route.flush is mode 0200: reading it fails even for root.
    expect(() => readSysctl('net.ipv4.route.flush', { netns: target.ns })).toThrow();
    setSysctl('net.ipv4.route.flush', '1', { netns: target.ns });
    setSysctl('net/ipv4/conf/lo/arp_filter', '1', { netns: target.ns });
    expect(readSysctl('net.ipv4.conf.lo.arp_filter', { netns: target.ns })).toBe('1');
    let failure: unknown;
    try {
      setSysctl('net.core.somaxconn', 'abc', { netns: target.ns });
    } catch (error) {
      failure = error;
    }
    expect(isSyscallError(failure) && failure.syscall === 'write' && failure.code).toBe('EINVAL');
  });

  test('a namespace sysctl of another namespace is not affected', () => {
    const a = testNetns();
    const b = testNetns();
    writeSysctl('net/core/somaxconn', '511', { netns: a.ns });
    writeSysctl('net/core/somaxconn', '255', { netns: b.ns });
    expect(readSysctl('net.core.somaxconn', { netns: a.ns })).toBe('511');
    expect(readSysctl('net.core.somaxconn', { netns: b.ns })).toBe('255');
  });

  test('an interface name with a dot is reached with the swapped form', () => {
    const target = testNetns();
    target.exec(['ip', 'link', 'add', 'cn.100', 'type', 'veth', 'peer', 'name', 'cnpeer']);
    const host = hostValue('/proc/sys/net/ipv4/conf/all/forwarding');
    expect(writeSysctl('net.ipv4.conf.cn/100.forwarding', '1', { netns: target.ns })).toBe('1');
    expect(readSysctl('net/ipv4/conf/cn.100/forwarding', { netns: target.ns })).toBe('1');
    expect(target.exec(['sysctl', '-n', 'net.ipv4.conf.cn/100.forwarding']).trim()).toBe('1');
    expect(hostValue('/proc/sys/net/ipv4/conf/all/forwarding')).toBe(host);
  });

  test('a value the kernel refuses is a SyscallError from write', () => {
    const target = testNetns();
    let caught: unknown;
    try {
      writeSysctl('net.ipv4.ip_forward', 'not-a-number', { netns: target.ns });
    } catch (error) {
      caught = error;
    }
    expect(isSyscallError(caught) && caught.syscall).toBe('write');
    expect(isSyscallError(caught) && caught.code).toBe('EINVAL');
  });

  test('ensureIpForward writes once, then finds "1" and leaves it', () => {
    const target = testNetns();
    const host4 = hostValue('/proc/sys/net/ipv4/ip_forward');
    const host6 = hostValue('/proc/sys/net/ipv6/conf/all/forwarding');
    expect(ensureIpForward({ family: 4, netns: target.ns })).toBe(true);
    expect(ensureIpForward({ family: 4, netns: target.ns })).toBe(false);
    expect(readSysctl('net.ipv4.ip_forward', { netns: target.ns })).toBe('1');
    expect(readSysctl('net.ipv6.conf.all.forwarding', { netns: target.ns })).toBe('0');
    expect(ensureIpForward({ family: 6, netns: target.ns })).toBe(true);
    expect(ensureIpForward({ family: 6, netns: target.ns })).toBe(false);
    expect(readSysctl('net.ipv6.conf.all.forwarding', { netns: target.ns })).toBe('1');
    expect(hostValue('/proc/sys/net/ipv4/ip_forward')).toBe(host4);
    expect(hostValue('/proc/sys/net/ipv6/conf/all/forwarding')).toBe(host6);
  });

  test('ensureIpForwardFor enables the families of the given addresses', () => {
    const only4 = testNetns();
    expect(ensureIpForwardFor(['10.1.2.3/24', '10.1.2.4'], { netns: only4.ns })).toEqual([4]);
    expect(readSysctl('net.ipv6.conf.all.forwarding', { netns: only4.ns })).toBe('0');
    const both = testNetns();
    expect(ensureIpForwardFor(['fd00::2/64', '10.0.0.2/24'], { netns: both.ns })).toEqual([4, 6]);
    expect(ensureIpForwardFor(['fd00::2/64', '10.0.0.2/24'], { netns: both.ns })).toEqual([]);
  });
});
