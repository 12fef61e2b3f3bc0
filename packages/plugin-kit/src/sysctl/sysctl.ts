// Reading and writing /proc/sys, optionally inside a network namespace. A file under
// /proc/sys/net belongs to the namespace of the thread that opens it, so the open, read
// and write all run under withNetns; nothing is cached between calls.
import type { Netns } from '../netns/netns.ts';
import { withNetns } from '../netns/netns.ts';
import { close, O_CLOEXEC, O_RDONLY, O_WRONLY, open, read, write } from '../sys/libc.ts';
import { sysctlPath } from './sysctl-name.ts';

export interface SysctlOptions {
  /** The network namespace whose /proc/sys/net to use; the current one when absent. */
  readonly netns?: Netns;
}

function inNetns(netns: Netns | undefined, fn: () => string): string {
  return netns === undefined ? fn() : withNetns(netns, fn);
}

function readPath(path: string): string {
  const fd = open(path, O_RDONLY | O_CLOEXEC);
  try {
    const chunks: Uint8Array[] = [];
    const buffer = new Uint8Array(4096);
    for (;;) {
      const length = read(fd, buffer);
      if (length === 0) break;
      chunks.push(buffer.slice(0, length));
    }
    const text = Buffer.concat(chunks).toString('utf8');
    return text.endsWith('\n') ? text.slice(0, -1) : text;
  } finally {
    close(fd);
  }
}

function writePath(path: string, value: string): void {
  const fd = open(path, O_WRONLY | O_CLOEXEC);
  try {
    // The kernel takes a sysctl value in one write; a short write of it would be a bug.
    write(fd, new TextEncoder().encode(value));
  } finally {
    close(fd);
  }
}

/**
 * The value of a sysctl without its trailing newline, e.g. readSysctl('net.ipv4.ip_forward')
 * → '0'. Dotted and slash names are accepted as upstream (see sysctlPath). An unknown name
 * is a SyscallError with code ENOENT.
 */
export function readSysctl(name: string, options: SysctlOptions = {}): string {
  const path = sysctlPath(name);
  return inNetns(options.netns, () => readPath(path));
}

/**
 * Writes `value` (as is, no newline added) to a sysctl without reading it back, as
 * `echo -n value > /proc/sys/…` does: for write-only sysctls (net.ipv4.route.flush) and
 * callers that compare nothing. A value the kernel refuses is a SyscallError from `write`.
 */
export function setSysctl(name: string, value: string, options: SysctlOptions = {}): void {
  const path = sysctlPath(name);
  inNetns(options.netns, () => {
    writePath(path, value);
    return '';
  });
}

/**
 * Writes `value` (as is, no newline added) to a sysctl and returns the value read back, as
 * upstream's Sysctl(name, value) does. A value the kernel refuses is a SyscallError from
 * `write` (e.g. EINVAL).
 */
export function writeSysctl(name: string, value: string, options: SysctlOptions = {}): string {
  const path = sysctlPath(name);
  return inNetns(options.netns, () => {
    writePath(path, value);
    return readPath(path);
  });
}
