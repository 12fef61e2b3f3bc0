// Writing one reservation file so that it is never visible without its owner: the content
// goes to a temporary file in the same directory first, which link(2) then puts in place
// under the address's name (EEXIST when the address is taken). A SIGKILL at any moment
// leaves either no address file or a complete one, plus at worst the temporary file.
//
// Every writer (this plugin and the Go host-local) reserves under the store's lock, so with
// the lock held an empty address file, or a temporary file, can only be what a killed
// writer left: nobody is about to fill it in.
import { linkFile, readTextFile, renameFile, unlinkFile, writeFile } from '@cni-ts/plugin-kit';
import { pathJoin } from '@cni-ts/spec-types';
import { fsErrorCode, goPathErrorText } from './fs-error.ts';
import { HostLocalError } from './host-local-error.ts';

/**
 * The name prefix of temporary reservation files. Dot-first, so it is never an address
 * (the store lists only names that parse as one) and `ls` hides it.
 */
export const TEMP_PREFIX = '.reserving.';

/** True for the name of a temporary reservation file (this process's or a dead one's). */
export function isTempName(name: string): boolean {
  return name.startsWith(TEMP_PREFIX);
}

/** True when a reservation file's content names nobody: what a crash between create and write leaves. */
export function isAbandonedContent(content: string): boolean {
  return content.trim() === '';
}

/** Deletes a file of the store; one that is already gone is fine. */
export function removeFile(path: string): void {
  try {
    unlinkFile(path);
  } catch (error) {
    if (fsErrorCode(error) !== 'ENOENT') {
      throw new HostLocalError(goPathErrorText(error, path), { cause: error });
    }
  }
}

function writeTemp(temp: string, content: string, mode: number): void {
  // A leftover of a dead process with the same pid goes first: 'wx' then makes a fresh
  // file with our mode (a reused one would keep its own).
  removeFile(temp);
  try {
    writeFile(temp, content, { mode, exclusive: true });
  } catch (error) {
    throw new HostLocalError(goPathErrorText(error, temp), { cause: error });
  }
}

function isEmptyFile(path: string): boolean {
  try {
    return isAbandonedContent(readTextFile(path));
  } catch {
    return false;
  }
}

/**
 * Creates `<dir>/<name>` holding `content` (mode `mode`), with the store locked by the
 * caller. False when the address is taken by a file that names an owner.
 *
 * An existing EMPTY file is taken over (renamed over, atomically) rather than skipped: under
 * the lock it can only be the leftover of a killed writer (ours before this scheme, or the
 * Go host-local, which creates the file and then writes it), and skipping it would lose the
 * address until a GC. Taking it over is what "never blocks ADD" means.
 */
export function placeReservation(
  dir: string,
  name: string,
  content: string,
  mode: number,
): boolean {
  const path = pathJoin(dir, name);
  const temp = pathJoin(dir, `${TEMP_PREFIX}${process.pid}`);
  writeTemp(temp, content, mode);
  try {
    try {
      linkFile(temp, path);
      return true;
    } catch (error) {
      if (fsErrorCode(error) !== 'EEXIST') {
        throw new HostLocalError(goPathErrorText(error, path), { cause: error });
      }
    }
    if (!isEmptyFile(path)) return false;
    try {
      renameFile(temp, path);
    } catch (error) {
      throw new HostLocalError(goPathErrorText(error, path), { cause: error });
    }
    return true;
  } finally {
    try {
      unlinkFile(temp);
    } catch {
      // Gone with the rename, or left for the next sweep under the lock (DiskStore.sweep).
    }
  }
}
