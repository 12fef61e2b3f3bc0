import { mkdirSync, renameSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { posix } from 'node:path';

// A plugin's small per-attachment state files (`<dataDir>/<network>/<attachment>`): written
// whole or not at all, and removed with their directory once it is empty, so that a
// network whose attachments are all gone leaves nothing behind. A concurrent DEL may remove
// the directory between another ADD's mkdir and its write; the writer then makes it again.

/** Attempts of a write whose directory a concurrent removal took away. */
const WRITE_ATTEMPTS = 3;

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error
    ? String((error as { code: unknown }).code)
    : undefined;
}

/**
 * Writes `text` to `file` (mode 0600, its directory made with mode 0700): a temporary dot
 * file renamed into place, so that a reader, or a crash, never sees half of it.
 */
export function writeStateFile(file: string, text: string): void {
  const dir = posix.dirname(file);
  const temp = posix.join(dir, `.${posix.basename(file)}.${process.pid}.tmp`);
  for (let attempt = 1; ; attempt++) {
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      writeFileSync(temp, text, { mode: 0o600 });
      renameSync(temp, file);
      return;
    } catch (error) {
      rmSync(temp, { force: true });
      if (errorCode(error) !== 'ENOENT' || attempt >= WRITE_ATTEMPTS) throw error;
    }
  }
}

/** Removes `file` (a missing one is fine), then its directory if that is now empty. */
export function removeStateFile(file: string): void {
  rmSync(file, { force: true });
  try {
    rmdirSync(posix.dirname(file));
  } catch {
    // not empty (another attachment's file), already gone, or busy: left as it is
  }
}
