import { goQuote, pathJoin } from '@cni-ts/spec-types';
import { CacheError } from '../errors/cache-error.ts';

/**
 * The cache file of an attachment: `<cacheDir>/results/<network>-<containerId>-<ifName>`,
 * upstream's layout. All three parts must be non-empty (upstream's message); unlike
 * upstream, a part containing `/` is refused, so a bad ID cannot point outside the cache.
 */
export function cacheFilePath(
  cacheDir: string,
  network: string,
  containerId: string,
  ifName: string,
): string {
  if (network === '' || containerId === '' || ifName === '') {
    throw new CacheError(
      `cache file path requires network name (${goQuote(network)}), container ID (${goQuote(containerId)}), and interface name (${goQuote(ifName)})`,
    );
  }
  if ([network, containerId, ifName].some((part) => part.includes('/') || part.includes('\0'))) {
    throw new CacheError(
      `cache file path parts must not contain "/": network name (${goQuote(network)}), container ID (${goQuote(containerId)}), interface name (${goQuote(ifName)})`,
    );
  }
  return pathJoin(cacheDir, 'results', `${network}-${containerId}-${ifName}`);
}
