// A small synchronous file API over libc (bun:ffi, opened on first call), for the paths a
// plugin exec takes: importing node:fs costs every exec about a millisecond and 4-5 MiB of
// peak RSS (issue 22). The calls mirror node:fs's *Sync ones that the plugins used, with
// the same semantics and errors shaped as Node's (FsError: `.code`, `.syscall`, `.path`).
import { type FsError, onPath } from './fs-error.ts';
import { statPath } from './fs-stat.ts';
import {
  close,
  link,
  mkdir,
  O_CLOEXEC,
  O_CREAT,
  O_EXCL,
  O_RDONLY,
  O_TRUNC,
  O_WRONLY,
  open,
  read,
  readdirNames,
  rename,
  rmdir,
  unlink,
  write,
} from './libc.ts';
import { isSyscallError } from './syscall-error.ts';

// TextEncoder/TextDecoder rather than Buffer.from, whose JavaScript JavaScriptCore compiles
// on first call (about 0.2 ms of an exec). ignoreBOM keeps a BOM, as Buffer's utf8 does.
const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/** open(2) with O_CLOEXEC added; the descriptor. */
export function openFile(path: string, flags: number, mode = 0o666): number {
  return onPath('open', path, () => open(path, flags | O_CLOEXEC, mode));
}

/** Closes a descriptor. */
export function closeFile(fd: number): void {
  close(fd);
}

/**
 * The buffer reads go through, kept between calls: a fresh 64 KiB array per file (zeroed,
 * then collected) cost host-local's DEL, which reads every reservation file, about 20 us a
 * file. Every read copies out of it, so no caller ever holds it.
 */
let scratch: Uint8Array | undefined;

/** Reads `fd` to its end (EINTR retried). */
export function readAll(fd: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  scratch ??= new Uint8Array(64 * 1024);
  const buffer = scratch;
  for (;;) {
    let length: number;
    try {
      length = read(fd, buffer);
    } catch (error) {
      if (isSyscallError(error) && error.code === 'EINTR') continue;
      throw error;
    }
    if (length === 0) break;
    chunks.push(buffer.slice(0, length));
  }
  return chunks.length === 1 ? (chunks[0] as Uint8Array) : Buffer.concat(chunks);
}

/** Writes all of `data` to `fd`, however many write(2)s it takes (EINTR retried). */
export function writeAll(fd: number, data: Uint8Array | string): void {
  let bytes = typeof data === 'string' ? utf8Encoder.encode(data) : data;
  while (bytes.length > 0) {
    let written: number;
    try {
      written = write(fd, bytes);
    } catch (error) {
      if (isSyscallError(error) && error.code === 'EINTR') continue;
      throw error;
    }
    bytes = bytes.subarray(written);
  }
}

/** The whole file's bytes, as readFileSync(path). */
export function readFileBytes(path: string): Uint8Array {
  const fd = openFile(path, O_RDONLY);
  try {
    return onPath('read', path, () => readAll(fd));
  } finally {
    close(fd);
  }
}

/** The whole file as UTF-8 text, as readFileSync(path, 'utf8'). */
export function readTextFile(path: string): string {
  return utf8Decoder.decode(readFileBytes(path));
}

export interface WriteFileOptions {
  /** Permission bits when the file is created (umask applies). Default 0o666. */
  readonly mode?: number;
  /** Fail with EEXIST when the file exists (Node's flag 'wx'). Default false. */
  readonly exclusive?: boolean;
}

/**
 * Writes `data` as the whole file, as writeFileSync(path, data, { mode }): created with
 * `mode` or truncated (an existing file keeps its mode).
 */
export function writeFile(
  path: string,
  data: Uint8Array | string,
  options: WriteFileOptions = {},
): void {
  const flags = O_WRONLY | O_CREAT | (options.exclusive === true ? O_EXCL : O_TRUNC);
  const fd = openFile(path, flags, options.mode ?? 0o666);
  try {
    onPath('write', path, () => writeAll(fd, data));
  } finally {
    close(fd);
  }
}

function isDirectory(path: string): boolean {
  return statPath(path)?.isDirectory === true;
}

/**
 * `path` without its last component and the slashes before and after it, as
 * `path.replace(/\/+[^/]*\/*$/, '')` gives it, by index: a regular expression's first use
 * costs an exec about 40 µs, and an ADD whose state directory went with the last DEL pays
 * it here.
 */
export function parentPath(path: string): string {
  let end = path.length;
  while (end > 0 && path.charCodeAt(end - 1) === 0x2f) end--;
  const last = path.lastIndexOf('/', end - 1);
  if (last < 0 || end === 0) return end < path.length ? path.slice(0, end) : path;
  let start = last;
  while (start > 0 && path.charCodeAt(start - 1) === 0x2f) start--;
  return path.slice(0, start);
}

/**
 * Creates `path` and its missing parents with `mode`, as mkdirSync(path, { recursive:
 * true, mode }): an existing directory is fine, an existing non-directory is EEXIST.
 */
export function mkdirp(path: string, mode = 0o777): void {
  try {
    onPath('mkdir', path, () => mkdir(path, mode));
  } catch (error) {
    const code = (error as FsError).code;
    if (code === 'EEXIST' && isDirectory(path)) return;
    if (code !== 'ENOENT') throw error;
    const parent = parentPath(path);
    if (parent === '' || parent === path) throw error;
    mkdirp(parent, mode);
    try {
      onPath('mkdir', path, () => mkdir(path, mode));
    } catch (again) {
      if (!((again as FsError).code === 'EEXIST' && isDirectory(path))) throw again;
    }
  }
}

/** The names in a directory (no `.` or `..`), unsorted, as readdirSync(path). */
export function readdir(path: string): string[] {
  return onPath('scandir', path, () => readdirNames(path));
}

export function renameFile(from: string, to: string): void {
  onPath('rename', from, () => rename(from, to), to);
}

export function linkFile(existing: string, created: string): void {
  onPath('link', existing, () => link(existing, created), created);
}

export function unlinkFile(path: string): void {
  onPath('unlink', path, () => unlink(path));
}

/** Removes a file; a missing one is fine (rmSync(path, { force: true }) of a file). */
export function removeFileForce(path: string): void {
  try {
    unlinkFile(path);
  } catch (error) {
    if ((error as FsError).code !== 'ENOENT') throw error;
  }
}

export function removeDir(path: string): void {
  onPath('rmdir', path, () => rmdir(path));
}
