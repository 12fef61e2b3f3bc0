/**
 * The identity of the file at `path` (symbolic links followed), from one stat: device,
 * inode, size, and modification and change times in nanoseconds. Installing a new binary
 * (a new inode by rename, or a rewrite in place, which moves the times) gives a new
 * identity; the text is only for comparing. Rejects when the file cannot be stat'ed.
 */
export async function fileIdentity(path: string): Promise<string> {
  // Imported when used: a plugin that only imports libcni does not pay for node:fs (issue 22).
  const { stat } = await import('node:fs/promises');
  const info = await stat(path, { bigint: true });
  return `${info.dev}:${info.ino}:${info.size}:${info.mtimeNs}:${info.ctimeNs}`;
}
