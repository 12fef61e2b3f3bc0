import { open, rename, unlink } from 'node:fs/promises';
import { pathBasename, pathDirname, pathJoin } from '@cni-ts/spec-types';
import { randomHex } from './_random-hex.ts';

/**
 * Replaces `path` with `data` atomically: written to a hidden temporary file in the same
 * directory (mode `mode`), flushed, then renamed over `path`. A reader sees the old file
 * or the new one, never a part of either.
 */
export async function atomicWrite(path: string, data: string, mode: number): Promise<void> {
  const temp = pathJoin(
    pathDirname(path),
    `.${pathBasename(path)}.${process.pid}.${randomHex()}.tmp`,
  );
  const handle = await open(temp, 'wx', mode);
  try {
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}
