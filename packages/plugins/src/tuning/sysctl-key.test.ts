import { describe, expect, test } from 'bun:test';
import { isCniError } from '@cni-ts/spec-types';
import { sysctlFile, sysctlName } from './sysctl-key.ts';

function refusal(key: string): string {
  try {
    sysctlFile(key, 'eth0');
  } catch (error) {
    if (isCniError(error)) return `${error.code} ${error.msg}`;
    throw error;
  }
  throw new Error(`${key} was accepted`);
}

describe('sysctlFile (upstream key rules)', () => {
  test('dots and slashes name the same file; IFNAME becomes the interface', () => {
    expect(sysctlFile('net.ipv4.conf.IFNAME.arp_filter', 'eth0')).toBe(
      '/proc/sys/net/ipv4/conf/eth0/arp_filter',
    );
    expect(sysctlFile('net/core/somaxconn', 'eth0')).toBe('/proc/sys/net/core/somaxconn');
  });

  test('IFNAME is replaced after the dots, once, so a dotted interface name survives', () => {
    expect(sysctlFile('net.ipv6.conf.IFNAME.mtu', 'eth0.100')).toBe(
      '/proc/sys/net/ipv6/conf/eth0.100/mtu',
    );
    expect(sysctlFile('net/IFNAME/IFNAME', 'x')).toBe('/proc/sys/net/x/IFNAME');
  });

  test('a key outside /proc/sys/net is refused, naming it (code 999)', () => {
    expect(refusal('kernel.hostname')).toBe('999 invalid net sysctl key: "kernel.hostname"');
    expect(refusal('net')).toBe('999 invalid net sysctl key: "net"');
    expect(refusal('NET.core.somaxconn')).toBe('999 invalid net sysctl key: "NET.core.somaxconn"');
  });

  test('dots become slashes before cleaning, as upstream: no key escapes net/', () => {
    expect(sysctlFile('net/../../kernel/hostname', 'eth0')).toBe('/proc/sys/net/kernel/hostname');
  });

  test('sysctlName is the kit name of the file', () => {
    expect(sysctlName('/proc/sys/net/ipv4/conf/eth0.100/mtu')).toBe('net/ipv4/conf/eth0.100/mtu');
  });
});
