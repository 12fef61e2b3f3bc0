// Which sysctl keys tuning writes, and where: upstream's rule, kept exactly because a
// config that works with the Go plugin must work here and one it refuses must be refused.
import { CniError, CniErrorCode, goQuote, pathJoin } from '@cni-ts/spec-types';

const PROC_SYS = '/proc/sys';
const NET_PREFIX = `${PROC_SYS}/net/`;

/**
 * The file a `sysctl` key names for the interface `ifName`, as upstream resolves it: every
 * `.` becomes `/` (so `net.ipv4.conf.eth0.rp_filter` and `net/ipv4/conf/eth0/rp_filter`
 * are the same key), then the first `IFNAME` becomes `ifName` (after the dots, so an
 * interface name with a dot survives), then the path is cleaned. A key that does not
 * resolve below /proc/sys/net/ is refused: `invalid net sysctl key: "<key>"` (code 999).
 */
export function sysctlFile(key: string, ifName: string): string {
  const relative = key.replaceAll('.', '/').replace('IFNAME', ifName);
  const file = pathJoin(PROC_SYS, relative);
  if (!file.startsWith(NET_PREFIX)) {
    throw new CniError(CniErrorCode.Internal, `invalid net sysctl key: ${goQuote(key)}`);
  }
  return file;
}

/** The name the kit's sysctl functions take for a file below /proc/sys/net/ ("net/…"). */
export function sysctlName(file: string): string {
  return file.slice(PROC_SYS.length + 1);
}
