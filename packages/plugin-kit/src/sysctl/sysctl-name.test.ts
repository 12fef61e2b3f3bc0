import { describe, expect, test } from 'bun:test';
import { normalizeSysctlName, sysctlPath } from './sysctl-name.ts';
import { isSysctlNameError } from './sysctl-name-error.ts';

describe('normalizeSysctlName', () => {
  test('turns a dotted name into a path', () => {
    expect(normalizeSysctlName('net.ipv4.ip_forward')).toBe('net/ipv4/ip_forward');
  });

  test('leaves a slash name alone, dots included', () => {
    expect(normalizeSysctlName('net/ipv4/conf/eth0.100/forwarding')).toBe(
      'net/ipv4/conf/eth0.100/forwarding',
    );
  });

  test('swaps dots and slashes when the first separator is a dot', () => {
    expect(normalizeSysctlName('net.ipv4.conf.eth0/100.forwarding')).toBe(
      'net/ipv4/conf/eth0.100/forwarding',
    );
  });

  test('decides by the first separator only', () => {
    expect(normalizeSysctlName('net/ipv4.conf')).toBe('net/ipv4.conf');
    expect(normalizeSysctlName('net.ipv4/conf')).toBe('net/ipv4.conf');
    expect(normalizeSysctlName('kernel')).toBe('kernel');
  });
});

describe('sysctlPath', () => {
  test('puts the name under /proc/sys', () => {
    expect(sysctlPath('net.ipv6.conf.all.forwarding')).toBe(
      '/proc/sys/net/ipv6/conf/all/forwarding',
    );
    expect(sysctlPath('net/core/somaxconn')).toBe('/proc/sys/net/core/somaxconn');
  });

  test('a dotted name cannot climb: its dots become slashes first', () => {
    expect(sysctlPath('../../etc/passwd')).toBe('/proc/sys/.etc.passwd');
  });

  test('cleans the path like Go filepath.Join', () => {
    expect(sysctlPath('/net//ipv4/./ip_forward/')).toBe('/proc/sys/net/ipv4/ip_forward');
    expect(sysctlPath('net/ipv4/../ipv6/conf')).toBe('/proc/sys/net/ipv6/conf');
  });

  test('refuses names outside /proc/sys or naming /proc/sys itself', () => {
    for (const name of ['', '/', '.', '..', '/../etc/passwd', 'net/../..', 'net/../../etc']) {
      let caught: unknown;
      try {
        sysctlPath(name);
      } catch (error) {
        caught = error;
      }
      expect(isSysctlNameError(caught) && caught.sysctl).toBe(name);
    }
  });
});
