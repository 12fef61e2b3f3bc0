import { checkAccess, type PluginContext, statFile, W_OK, X_OK } from '@cni-ts/plugin-kit';
import { CniError, CniErrorCode, pathDirname, pathJoin } from '@cni-ts/spec-types';
import { freeAddressCount } from './capacity.ts';
import type { HostLocalConfig } from './config.ts';
import { fsErrorCode, goPathErrorText } from './fs-error.ts';
import { isHostLocalError } from './host-local-error.ts';
import { loadIpamConfig } from './ipam-config.ts';
import { formatRangeSet } from './range-set.ts';
import { DiskStore, isAbandoned, type Reservation } from './store.ts';

function unavailable(msg: string, cause?: unknown): CniError {
  return new CniError(CniErrorCode.PluginNotAvailable, msg, { cause });
}

/** Why ADD could not create `dir`, or undefined: its nearest existing ancestor must be a writable directory. */
function uncreatableReason(dir: string): string | undefined {
  for (let path = pathDirname(dir); ; path = pathDirname(path)) {
    try {
      if (!statFile(path).isDirectory) return `${path} is not a directory`;
      checkAccess(path, W_OK | X_OK);
      return undefined;
    } catch (error) {
      if (fsErrorCode(error) !== 'ENOENT' || path === pathDirname(path)) {
        return goPathErrorText(error, path);
      }
    }
  }
}

function storeReservations(dataDir: string, name: string): readonly Reservation[] {
  try {
    const store = DiskStore.existing(dataDir, name);
    if (store === undefined) {
      const reason = uncreatableReason(pathJoin(dataDir, name));
      if (reason !== undefined) {
        throw unavailable(
          `host-local: store ${pathJoin(dataDir, name)} cannot be created: ${reason}`,
        );
      }
      return [];
    }
    using _lock = store.lock();
    // An empty file a killed writer left is free for ADD, which takes it over.
    return store.reservations().filter((reservation) => !isAbandoned(reservation));
  } catch (error) {
    if (!isHostLocalError(error)) throw error;
    throw unavailable(
      `host-local: store ${pathJoin(dataDir, name)} is not usable: ${error.msg}`,
      error,
    );
  }
}

/**
 * Upstream has no STATUS. Succeeds when the store is usable (its directory exists and can
 * be locked, or can be created) and every range set has a free address; otherwise code 50
 * (PluginNotAvailable): ADD would fail.
 */
export function statusHostLocal(ctx: PluginContext<HostLocalConfig, 'IP'>): void {
  const ipam = loadIpamConfig(ctx.config, ctx.cniVersion, undefined);
  const reservations = storeReservations(ipam.dataDir, ipam.name);
  for (const [index, set] of ipam.ranges.entries()) {
    if (freeAddressCount(set, reservations) <= 0n) {
      throw unavailable(
        `host-local: no IP addresses available in range set ${index}: ${formatRangeSet(set)}`,
      );
    }
  }
}
