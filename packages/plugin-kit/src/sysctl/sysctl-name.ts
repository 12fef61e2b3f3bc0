// Sysctl names as upstream's pkg/utils/sysctl reads them: "net.ipv4.ip_forward" and
// "net/ipv4/ip_forward" name the same file. The separator is whichever of '.' and '/'
// comes first; when it is '.', every '.' becomes '/' and every '/' becomes '.', so an
// interface name with a dot can be written "net.ipv4.conf.eth0/100.forwarding".
import { pathJoin } from '@cni-ts/spec-types';
import { SysctlNameError } from './sysctl-name-error.ts';

export const PROC_SYS = '/proc/sys';

/** The slash-separated form of a sysctl name (upstream's toNormalName). */
export function normalizeSysctlName(name: string): string {
  const dot = name.indexOf('.');
  const slash = name.indexOf('/');
  const dotted = dot !== -1 && (slash === -1 || dot < slash);
  if (!dotted) return name;
  // A loop, not a regular expression: its first use costs every exec that writes a sysctl
  // about 40 µs.
  let out = '';
  for (let i = 0; i < name.length; i++) {
    const char = name[i] as string;
    out += char === '.' ? '/' : char === '/' ? '.' : char;
  }
  return out;
}

/**
 * The file under /proc/sys for a sysctl name, cleaned like Go's filepath.Join. A name that
 * is empty or leads outside /proc/sys throws SysctlNameError.
 */
export function sysctlPath(name: string): string {
  const path = pathJoin(PROC_SYS, normalizeSysctlName(name));
  if (!path.startsWith(`${PROC_SYS}/`) || path.length === PROC_SYS.length + 1) {
    throw new SysctlNameError(name);
  }
  return path.endsWith('/') ? path.slice(0, -1) : path;
}
