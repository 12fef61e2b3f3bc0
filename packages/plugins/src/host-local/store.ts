// host-local's on-disk store, in upstream's layout so that the Go plugin and this one can
// take over each other's state: `<dataDir>/<network>/` holds one file per reserved address,
// named by the address (`10.1.0.5`, `fd00::5`) and containing `<containerID>\r\n<ifname>`
// (older files hold just the container ID); `last_reserved_ip.<n>` holds the last address
// handed out from range set n; `lock` is flock(2)ed around every change. A reservation
// file appears complete or not at all (see reservation-file.ts); `.reserving.<pid>` files
// and empty address files are what killed writers leave, removed under the lock.
import {
  type FileLock,
  lockFile,
  mkdirp,
  readdir,
  readTextFile,
  statFile,
  writeFile,
} from '@cni-ts/plugin-kit';
import { pathJoin } from '@cni-ts/spec-types';
import { fsErrorCode, goPathErrorText } from './fs-error.ts';
import { HostLocalError } from './host-local-error.ts';
import { formatIpValue, type IpValue, parseIpValue } from './ip-value.ts';
import { isTempName, placeReservation, removeFile } from './reservation-file.ts';

const LAST_RESERVED_PREFIX = 'last_reserved_ip.';
const LINE_BREAK = '\r\n';
/**
 * Reservation and last_reserved_ip files are created 0600, as upstream main does (1.1.1
 * used 0644): they name containers, which other users of the host need not read.
 */
const FILE_MODE = 0o600;
/** The lock file's mode, as upstream creates it. */
const LOCK_MODE = 0o750;
const DIR_MODE = 0o755;

/** One reserved address and who holds it. */
export interface Reservation {
  readonly ip: IpValue;
  /** The file's path. */
  readonly path: string;
  readonly containerId: string;
  /** The interface; undefined for a file written before upstream recorded it. */
  readonly ifName: string | undefined;
}

/** True for a reservation file that names nobody (containerId ''): a killed writer's leftover. */
export function isAbandoned(reservation: Reservation): boolean {
  return reservation.containerId === '';
}

/** The contents of a reservation file for this attachment. */
export function reservationKey(containerId: string, ifName: string): string {
  return `${containerId.trim()}${LINE_BREAK}${ifName}`;
}

function parseReservation(path: string, ip: IpValue, content: string): Reservation {
  const text = content.trim();
  const cut = text.indexOf(LINE_BREAK);
  return cut < 0
    ? { ip, path, containerId: text, ifName: undefined }
    : { ip, path, containerId: text.slice(0, cut), ifName: text.slice(cut + LINE_BREAK.length) };
}

function readText(path: string): string | undefined {
  try {
    return readTextFile(path);
  } catch {
    return undefined;
  }
}

/** A network's directory in the store. Take {@link DiskStore.lock} around every use. */
export class DiskStore {
  readonly dir: string;

  private constructor(dir: string) {
    this.dir = dir;
  }

  /** The store of `network` under `dataDir`, creating its directory (ADD). */
  static create(dataDir: string, network: string): DiskStore {
    const dir = pathJoin(dataDir, network);
    try {
      mkdirp(dir, DIR_MODE);
    } catch (error) {
      throw new HostLocalError(goPathErrorText(error, dir), { cause: error });
    }
    return new DiskStore(dir);
  }

  /** The store of `network` if its directory exists, else undefined (nothing was ever reserved). */
  static existing(dataDir: string, network: string): DiskStore | undefined {
    const dir = pathJoin(dataDir, network);
    try {
      return statFile(dir).isDirectory ? new DiskStore(dir) : undefined;
    } catch (error) {
      if (fsErrorCode(error) === 'ENOENT' || fsErrorCode(error) === 'ENOTDIR') return undefined;
      throw new HostLocalError(goPathErrorText(error, dir), { cause: error });
    }
  }

  /** Takes the directory's lock (waiting for it); release it with `using` or release(). */
  lock(): FileLock {
    const path = pathJoin(this.dir, 'lock');
    try {
      return lockFile(path, { mode: LOCK_MODE });
    } catch (error) {
      throw new HostLocalError(goPathErrorText(error, path), { cause: error });
    }
  }

  /**
   * Reserves `ip` for the attachment: puts its file in place complete with the owner (an
   * empty leftover file is taken over, see placeReservation), then records it as range set
   * `rangeIndex`'s last reserved address. False when the address is taken.
   */
  reserve(containerId: string, ifName: string, ip: IpValue, rangeIndex: number): boolean {
    const key = reservationKey(containerId, ifName);
    if (!placeReservation(this.dir, formatIpValue(ip), key, FILE_MODE)) return false;
    const last = pathJoin(this.dir, `${LAST_RESERVED_PREFIX}${rangeIndex}`);
    try {
      writeFile(last, formatIpValue(ip), { mode: FILE_MODE });
    } catch (error) {
      throw new HostLocalError(goPathErrorText(error, last), { cause: error });
    }
    return true;
  }

  /**
   * Removes the temporary reservation files killed writers left (one readdir, no reads).
   * Only with the lock held: then nobody is writing one. Returns their names.
   */
  removeTempFiles(names: readonly string[] = readdir(this.dir)): string[] {
    const removed: string[] = [];
    for (const name of names) if (isTempName(name)) removed.push(name);
    // Almost always none: sort() is a builtin whose first call an exec pays for.
    if (removed.length > 1) removed.sort();
    for (const name of removed) removeFile(pathJoin(this.dir, name));
    return removed;
  }

  /**
   * Removes everything killed writers left: temporary files and address files that name
   * nobody (see {@link isAbandoned}); only with the lock held. Returns the names removed and
   * the reservations left (in name order, as {@link reservations}), from one reading of the
   * directory and its files: DEL and GC then need no second one.
   */
  sweep(): { removed: string[]; reservations: Reservation[] } {
    const names = readdir(this.dir);
    const removed = this.removeTempFiles(names);
    const reservations: Reservation[] = [];
    for (const reservation of this.reservationsNamed(names)) {
      if (!isAbandoned(reservation)) {
        reservations.push(reservation);
        continue;
      }
      this.release(reservation);
      removed.push(formatIpValue(reservation.ip));
    }
    return { removed, reservations };
  }

  /** The last address handed out from range set `rangeIndex`, if recorded and readable. */
  lastReservedIp(rangeIndex: number): IpValue | undefined {
    const text = readText(pathJoin(this.dir, `${LAST_RESERVED_PREFIX}${rangeIndex}`));
    return text === undefined ? undefined : parseIpValue(text.trim());
  }

  /** Every reservation: the files named by an address, in name order (as upstream walks them). */
  reservations(): Reservation[] {
    return this.reservationsNamed(readdir(this.dir));
  }

  /** The reservations among the directory entries `names` (sorted here). */
  private reservationsNamed(names: readonly string[]): Reservation[] {
    const found: Reservation[] = [];
    for (const name of names.slice().sort()) {
      const ip = parseIpValue(name);
      if (ip === undefined) continue;
      const path = pathJoin(this.dir, name);
      const content = readText(path);
      if (content !== undefined) found.push(parseReservation(path, ip, content));
    }
    return found;
  }

  /**
   * The reservations of the attachment: files naming the container and interface, and
   * files written before the interface was recorded that name the container.
   */
  heldBy(containerId: string, ifName: string): Reservation[] {
    const id = containerId.trim();
    const held: Reservation[] = [];
    for (const r of this.reservations()) {
      if (isAbandoned(r) || r.containerId !== id) continue;
      if (r.ifName === undefined || r.ifName === ifName) held.push(r);
    }
    return held;
  }

  /**
   * Releases the attachment's reservations: those naming the container and interface, or,
   * when there are none, the old-format ones naming the container. Returns how many.
   */
  releaseHeldBy(
    containerId: string,
    ifName: string,
    reservations: readonly Reservation[] = this.reservations(),
  ): number {
    const id = containerId.trim();
    // Loops, not filter(): a DEL pays for a builtin's first call (issue 22).
    const exact: Reservation[] = [];
    const unnamed: Reservation[] = [];
    for (const r of reservations) {
      if (isAbandoned(r) || r.containerId !== id) continue;
      if (r.ifName === ifName) exact.push(r);
      else if (r.ifName === undefined) unnamed.push(r);
    }
    const released = exact.length > 0 ? exact : unnamed;
    for (const reservation of released) this.release(reservation);
    return released.length;
  }

  /** Deletes one reservation file; one that is already gone is fine. */
  release(reservation: Pick<Reservation, 'path'>): void {
    removeFile(reservation.path);
  }

  /** Deletes the reservation file of `ip` (one this process has just reserved). */
  releaseIp(ip: IpValue): void {
    this.release({ path: pathJoin(this.dir, formatIpValue(ip)) });
  }
}
