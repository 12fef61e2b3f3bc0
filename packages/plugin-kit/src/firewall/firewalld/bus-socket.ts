import { pathExists } from '../../sys/fs-stat.ts';

// Whether a D-Bus address can be reached at all, known without the D-Bus library: a
// `unix:path=` address whose socket file does not exist has no bus behind it, so nobody
// owns firewalld's name there. Go's firewall finds that out by failing to dial; loading
// the library to fail the same way would cost a plugin exec several milliseconds.

/** The socket file of a lone `unix:path=` address (D-Bus escapes unescaped), else undefined. */
export function unixBusSocketPath(address: string): string | undefined {
  if (address.includes(';') || !address.startsWith('unix:')) return undefined;
  for (const pair of address.slice('unix:'.length).split(',')) {
    const [key, value] = pair.split('=', 2);
    if (key !== 'path' || value === undefined || value === '') continue;
    try {
      return decodeURIComponent(value);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** False only when `address` is a unix socket path with no file there. */
export function busMayBeReachable(address: string): boolean {
  const path = unixBusSocketPath(address);
  return path === undefined || pathExists(path);
}
