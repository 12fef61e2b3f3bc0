// Read-only checks in the machine's own namespace: nothing here writes a sysctl.
import { describe, expect, test } from 'bun:test';
import { readFileSync } from 'node:fs';
import { isSyscallError } from '../sys/syscall-error.ts';
import { readSysctl } from './sysctl.ts';
import { isSysctlNameError } from './sysctl-name-error.ts';

describe('readSysctl', () => {
  test('reads a value without its trailing newline, by dotted or slash name', () => {
    expect(readSysctl('kernel.ostype')).toBe('Linux');
    expect(readSysctl('kernel/ostype')).toBe('Linux');
  });

  test('agrees with the file under /proc/sys', () => {
    const file = readFileSync('/proc/sys/net/ipv4/ip_forward', 'utf8');
    expect(readSysctl('net.ipv4.ip_forward')).toBe(file.slice(0, -1));
  });

  test('reads multi-field values whole', () => {
    const file = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8');
    expect(readSysctl('net.ipv4.ip_local_port_range')).toBe(file.slice(0, -1));
    expect(readSysctl('net.ipv4.ip_local_port_range')).toMatch(/^\d+\s+\d+$/);
  });

  test('an unknown sysctl is a SyscallError ENOENT', () => {
    let caught: unknown;
    try {
      readSysctl('net.ipv4.cnits_no_such_sysctl');
    } catch (error) {
      caught = error;
    }
    expect(isSyscallError(caught) && caught.code).toBe('ENOENT');
  });

  test('a name outside /proc/sys is a SysctlNameError', () => {
    let caught: unknown;
    try {
      readSysctl('net/../../etc/hostname');
    } catch (error) {
      caught = error;
    }
    expect(isSysctlNameError(caught)).toBe(true);
  });
});
