// The only module that touches bun:ffi. libc is opened lazily on the first call, never
// at import time: the one the process runs on (glibc or musl, see libc-locate.ts). Every
// wrapper throws SyscallError with errno read through __errno_location (reading the
// `errno` symbol crashes Bun, oven-sh/bun#22212).

import { ptr as addressOf, CString, dlopen, FFIType, read as readMemory } from 'bun:ffi';
import { isLibcNotFound, libcCandidates, openFirst, SYS_GETTID, SYS_STATX } from './libc-locate.ts';
import { SyscallError } from './syscall-error.ts';

const { i32, u32, u64, i64, ptr } = FFIType;

const SYMBOLS = {
  __errno_location: { args: [], returns: ptr },
  socket: { args: [i32, i32, i32], returns: i32 },
  socketpair: { args: [i32, i32, i32, ptr], returns: i32 },
  bind: { args: [i32, ptr, u32], returns: i32 },
  getsockname: { args: [i32, ptr, ptr], returns: i32 },
  setsockopt: { args: [i32, i32, i32, ptr, u32], returns: i32 },
  sendto: { args: [i32, ptr, u64, i32, ptr, u32], returns: i64 },
  recvfrom: { args: [i32, ptr, u64, i32, ptr, ptr], returns: i64 },
  sendmsg: { args: [i32, ptr, i32], returns: i64 },
  recvmsg: { args: [i32, ptr, i32], returns: i64 },
  setns: { args: [i32, i32], returns: i32 },
  unshare: { args: [i32], returns: i32 },
  mount: { args: [ptr, ptr, ptr, u64, ptr], returns: i32 },
  umount2: { args: [ptr, i32], returns: i32 },
  open: { args: [ptr, i32, u32], returns: i32 },
  close: { args: [i32], returns: i32 },
  ioctl: { args: [i32, u64, ptr], returns: i32 },
  flock: { args: [i32, i32], returns: i32 },
  // Variadic in C; the integer arguments go in the same registers (x86_64, arm64).
  syscall: { args: [i64, i64, i64, i64, i64, i64], returns: i64 },
  read: { args: [i32, ptr, u64], returns: i64 },
  write: { args: [i32, ptr, u64], returns: i64 },
  if_nametoindex: { args: [ptr], returns: u32 },
  mkdir: { args: [ptr, u32], returns: i32 },
  rmdir: { args: [ptr], returns: i32 },
  unlink: { args: [ptr], returns: i32 },
  rename: { args: [ptr, ptr], returns: i32 },
  link: { args: [ptr, ptr], returns: i32 },
  opendir: { args: [ptr], returns: ptr },
  readdir: { args: [ptr], returns: ptr },
  closedir: { args: [ptr], returns: i32 },
  statfs: { args: [ptr, ptr], returns: i32 },
  realpath: { args: [ptr, ptr], returns: ptr },
  access: { args: [ptr, i32], returns: i32 },
  connect: { args: [i32, ptr, u32], returns: i32 },
  poll: { args: [ptr, u64, i32], returns: i32 },
} as const;

/** gettid() exists from glibc 2.30 (and in musl); without it, syscall(SYS_gettid). */
const WITH_GETTID = { ...SYMBOLS, gettid: { args: [], returns: i32 } } as const;

type Libc = ReturnType<typeof dlopen<typeof SYMBOLS>>['symbols'] & {
  readonly gettid?: () => number;
};

let libc: Libc | undefined;

function readMaps(): string | undefined {
  try {
    // Only when no usual name opens: node:fs costs every exec a millisecond and megabytes.
    const { readFileSync } = require('node:fs') as typeof import('node:fs');
    return readFileSync('/proc/self/maps', 'utf8');
  } catch {
    return undefined;
  }
}

/** dlopen of one candidate, with gettid when the library has it. */
function openLibc(path: string): Libc {
  try {
    return dlopen(path, WITH_GETTID).symbols;
  } catch (error) {
    try {
      return dlopen(path, SYMBOLS).symbols;
    } catch {
      throw error;
    }
  }
}

/**
 * The usual names first: they open the library already mapped (glibc's dlopen finds its
 * soname loaded; musl's answers any `libc.*` with itself), without reading
 * /proc/self/maps; the mapped file's path is the fallback.
 */
function openMappedLibc(): Libc {
  try {
    return openFirst(libcCandidates(undefined, process.arch), openLibc);
  } catch (error) {
    if (!isLibcNotFound(error)) throw error;
    return openFirst(libcCandidates(readMaps(), process.arch), openLibc);
  }
}

function lib(): Libc {
  libc ??= openMappedLibc();
  return libc;
}

function lastErrno(): number {
  const location = lib().__errno_location();
  return location === null ? 0 : readMemory.i32(location, 0);
}

// TextEncoder/TextDecoder rather than Buffer.from: JavaScriptCore compiles Buffer.from's
// JavaScript on its first call, about 0.2 ms of every exec (issue 22).
const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8', { ignoreBOM: true });

function check(syscall: string, result: number | bigint, detail?: string): number {
  const value = Number(result);
  if (value < 0) throw new SyscallError(syscall, lastErrno(), detail);
  return value;
}

/** A NUL-terminated copy of a string, for char* arguments. */
function cString(value: string): Uint8Array {
  return utf8Encoder.encode(`${value}\0`);
}

// Constants used with these calls (x86_64 / arm64 values).
export const O_RDONLY = 0;
export const O_WRONLY = 1;
export const O_RDWR = 2;
export const O_CREAT = 0o100;
export const O_EXCL = 0o200;
export const O_NOCTTY = 0o400;
export const O_TRUNC = 0o1000;
export const O_CLOEXEC = 0o2000000;
export const AF_UNIX = 1;
export const SOCK_STREAM = 1;
export const POLLIN = 0x1;
export const SOCK_RAW = 3;
export const SOCK_DGRAM = 2;
export const SOCK_CLOEXEC = 0o2000000;
export const MSG_PEEK = 0x2;
export const MSG_TRUNC = 0x20;
export const MSG_DONTWAIT = 0x40;
export const CLONE_NEWNET = 0x40000000;
export const CLONE_NEWNS = 0x00020000;
export const MS_BIND = 0x1000;
export const MS_REC = 0x4000;
export const MS_SHARED = 1 << 20;
export const MS_SLAVE = 1 << 19;
export const MS_PRIVATE = 1 << 18;
export const MNT_DETACH = 2;
export const LOCK_SH = 1;
export const LOCK_EX = 2;
export const LOCK_NB = 4;
export const LOCK_UN = 8;

export function socket(domain: number, type: number, protocol: number): number {
  return check('socket', lib().socket(domain, type, protocol));
}

/** socketpair(2): the two connected ends. */
export function socketpair(domain: number, type: number, protocol: number): [number, number] {
  const fds = new Int32Array(2);
  check('socketpair', lib().socketpair(domain, type, protocol, fds));
  return [fds[0] as number, fds[1] as number];
}

export function bind(fd: number, address: Uint8Array): void {
  check('bind', lib().bind(fd, address, address.length));
}

/** The socket's own address, in a buffer of `size` bytes (sockaddr_nl is 12). */
export function getsockname(fd: number, size: number): Uint8Array {
  const address = new Uint8Array(size);
  const length = new Uint32Array([size]);
  check('getsockname', lib().getsockname(fd, address, length));
  return address.subarray(0, Math.min(size, length[0] ?? size));
}

export function setsockopt(fd: number, level: number, option: number, value: Uint8Array): void {
  check('setsockopt', lib().setsockopt(fd, level, option, value, value.length));
}

/** setsockopt with an int value. */
export function setsockoptInt(fd: number, level: number, option: number, value: number): void {
  setsockopt(fd, level, option, new Uint8Array(new Int32Array([value]).buffer));
}

export function sendto(fd: number, data: Uint8Array, flags: number, address?: Uint8Array): number {
  return check(
    'sendto',
    lib().sendto(fd, data, data.length, flags, address ?? null, address?.length ?? 0),
  );
}

/** connect(2) to a socket address (a sockaddr's bytes). */
export function connect(fd: number, address: Uint8Array): void {
  check('connect', lib().connect(fd, address, address.length));
}

/** poll(2) on one descriptor: the events that happened (revents), 0 when the time ran out. */
export function pollOne(fd: number, events: number, timeoutMs: number): number {
  const pollfd = new Uint8Array(8);
  const view = new DataView(pollfd.buffer);
  view.setInt32(0, fd, true);
  view.setInt16(4, events, true);
  const ready = check('poll', lib().poll(pollfd, 1, timeoutMs));
  return ready === 0 ? 0 : view.getUint16(6, true);
}

/** Receives into `buffer`; returns the datagram's length (which may exceed the buffer with MSG_TRUNC). */
export function recvfrom(fd: number, buffer: Uint8Array, flags: number): number {
  return check('recvfrom', lib().recvfrom(fd, buffer, buffer.length, flags, null, null));
}

/** struct msghdr (x86_64/arm64 layout, 56 bytes) over an iovec array; buffers must stay alive. */
function msghdr(
  buffers: readonly Uint8Array[],
  address: Uint8Array | undefined,
): {
  header: Uint8Array;
  iov: Uint8Array;
} {
  const iov = new Uint8Array(16 * Math.max(1, buffers.length));
  const iovView = new DataView(iov.buffer);
  // A loop, not forEach: a DEL hands its netfilter socket over with sendFds (issue 22).
  for (let i = 0; i < buffers.length; i++) {
    const buffer = buffers[i] as Uint8Array;
    iovView.setBigUint64(16 * i, buffer.length === 0 ? 0n : BigInt(addressOf(buffer)), true);
    iovView.setBigUint64(16 * i + 8, BigInt(buffer.length), true);
  }
  const header = new Uint8Array(56);
  const view = new DataView(header.buffer);
  if (address !== undefined && address.length > 0) {
    view.setBigUint64(0, BigInt(addressOf(address)), true);
    view.setUint32(8, address.length, true);
  }
  view.setBigUint64(16, BigInt(addressOf(iov)), true);
  view.setBigUint64(24, BigInt(buffers.length), true);
  return { header, iov };
}

/** sendmsg(2): sends the buffers as one datagram (gather), to `address` when given. */
export function sendmsg(
  fd: number,
  buffers: readonly Uint8Array[],
  flags: number,
  address?: Uint8Array,
): number {
  const { header, iov } = msghdr(buffers, address);
  const sent = check('sendmsg', lib().sendmsg(fd, header, flags));
  void iov; // kept alive until the call returned
  return sent;
}

const SOL_SOCKET = 1;
const SCM_RIGHTS = 1;

/**
 * sendmsg(2) of a one-byte datagram that carries `fds` (SCM_RIGHTS): the receiving socket
 * holds a reference to each file until the message is read or the socket is gone.
 */
export function sendFds(fd: number, fds: readonly number[]): void {
  const payload = new Uint8Array(1);
  const { header, iov } = msghdr([payload], undefined);
  // struct cmsghdr { size_t cmsg_len; int cmsg_level; int cmsg_type; int fds[]; }
  const cmsgLength = 16 + 4 * fds.length;
  const control = new Uint8Array((cmsgLength + 7) & ~7);
  const controlView = new DataView(control.buffer);
  controlView.setBigUint64(0, BigInt(cmsgLength), true);
  controlView.setInt32(8, SOL_SOCKET, true);
  controlView.setInt32(12, SCM_RIGHTS, true);
  for (let i = 0; i < fds.length; i++) controlView.setInt32(16 + 4 * i, fds[i] as number, true);
  const view = new DataView(header.buffer);
  view.setBigUint64(32, BigInt(addressOf(control)), true);
  view.setBigUint64(40, BigInt(control.length), true);
  check('sendmsg', lib().sendmsg(fd, header, 0));
  void [payload, iov, control]; // kept alive until the call returned
}

/**
 * recvmsg(2) into one buffer. Returns the datagram's length (larger than the buffer with
 * MSG_TRUNC) and the msg_flags the kernel set (MSG_TRUNC when it was cut).
 */
export function recvmsg(
  fd: number,
  buffer: Uint8Array,
  flags: number,
): { length: number; flags: number } {
  const { header, iov } = msghdr([buffer], undefined);
  const length = check('recvmsg', lib().recvmsg(fd, header, flags));
  void iov;
  return { length, flags: new DataView(header.buffer).getInt32(48, true) };
}

export function setns(fd: number, nstype: number): void {
  check('setns', lib().setns(fd, nstype));
}

export function unshare(flags: number): void {
  check('unshare', lib().unshare(flags));
}

export function mount(
  source: string | null,
  target: string,
  fstype: string | null,
  flags: number,
): void {
  check(
    'mount',
    lib().mount(
      source === null ? null : cString(source),
      cString(target),
      fstype === null ? null : cString(fstype),
      BigInt(flags),
      null,
    ),
    target,
  );
}

export function umount2(target: string, flags: number): void {
  check('umount2', lib().umount2(cString(target), flags), target);
}

export function open(path: string, flags: number, mode = 0): number {
  return check('open', lib().open(cString(path), flags, mode), path);
}

export function close(fd: number): void {
  check('close', lib().close(fd));
}

/** ioctl(2) with a pointer argument; returns the call's non-negative result. */
export function ioctl(fd: number, request: number, argument: Uint8Array | null): number {
  return check('ioctl', lib().ioctl(fd, BigInt(request), argument));
}

/**
 * ioctl(2) whose third argument is a plain integer, not a pointer (TUNSETPERSIST,
 * TUNSETOWNER, TUNSETGROUP take the value itself).
 */
export function ioctlValue(fd: number, request: number, value: number): number {
  return check('ioctl', lib().ioctl(fd, BigInt(request), BigInt(value)));
}

export function flock(fd: number, operation: number): void {
  check('flock', lib().flock(fd, operation));
}

/** The kernel thread id of the calling (JavaScript) thread. */
export function gettid(): number {
  const { gettid: fromLibc } = lib();
  return fromLibc === undefined ? gettidBySyscall() : fromLibc();
}

/** gettid through syscall(SYS_gettid), what gettid() does where the C library lacks it. */
export function gettidBySyscall(): number {
  const number = SYS_GETTID[process.arch];
  if (number === undefined) throw new Error(`no SYS_gettid known for ${process.arch}`);
  return check('syscall', lib().syscall(number, 0, 0, 0, 0, 0), 'SYS_gettid');
}

/** read(2) into `buffer`; returns the number of bytes read (0 at end of file). */
export function read(fd: number, buffer: Uint8Array): number {
  return check('read', lib().read(fd, buffer, buffer.length));
}

/** write(2) of all of `data` that one call takes; returns the number of bytes written. */
export function write(fd: number, data: Uint8Array): number {
  return check('write', lib().write(fd, data, data.length));
}

/**
 * The index of the interface called `name` in the calling thread's network namespace.
 * A missing interface is a SyscallError with code ENODEV.
 */
export function ifNameToIndex(name: string): number {
  const index = lib().if_nametoindex(cString(name));
  if (index === 0) throw new SyscallError('if_nametoindex', lastErrno(), name);
  return index;
}

// Files and directories (see fs-sync.ts for the Node-like API over these).

export function mkdir(path: string, mode: number): void {
  check('mkdir', lib().mkdir(cString(path), mode), path);
}

export function rmdir(path: string): void {
  check('rmdir', lib().rmdir(cString(path)), path);
}

export function unlink(path: string): void {
  check('unlink', lib().unlink(cString(path)), path);
}

export function rename(from: string, to: string): void {
  check('rename', lib().rename(cString(from), cString(to)), `${from} ${to}`);
}

export function link(existing: string, created: string): void {
  check('link', lib().link(cString(existing), cString(created)), `${existing} ${created}`);
}

/** offsetof(struct dirent, d_name) on 64-bit glibc and musl (d_ino, d_off, d_reclen, d_type). */
const DIRENT_NAME_OFFSET = 19;

/** The names in a directory, without `.` and `..`, in the order readdir(3) gives them. */
export function readdirNames(path: string): string[] {
  const dir = lib().opendir(cString(path));
  if (dir === null) throw new SyscallError('opendir', lastErrno(), path);
  try {
    const names: string[] = [];
    for (;;) {
      const entry = lib().readdir(dir);
      if (entry === null) return names;
      const name = new CString(entry, DIRENT_NAME_OFFSET).toString();
      if (name !== '.' && name !== '..') names.push(name);
    }
  } finally {
    lib().closedir(dir);
  }
}

/** f_type of statfs(2) (the file system's magic number); `long` first in struct statfs. */
export function statfsType(path: string): number {
  const buffer = new BigInt64Array(16); // struct statfs is 120 bytes on 64-bit Linux
  check('statfs', lib().statfs(cString(path), buffer), path);
  return Number(buffer[0]);
}

const AT_FDCWD = -100;
/** STATX_TYPE | STATX_MODE | STATX_INO | STATX_SIZE. */
const STATX_BASIC = 0x1 | 0x2 | 0x100 | 0x200;
const STATX_SIZE_BYTES = 256;

/** What statx(2) (symbolic links followed) tells of a file: see fs-stat.ts. */
export interface StatxFields {
  readonly mode: number;
  readonly ino: bigint;
  readonly size: bigint;
  /** makedev(major, minor) as glibc encodes st_dev. */
  readonly dev: bigint;
}

/** statx(2) through syscall(2): one arch-independent layout, glibc and musl alike. */
export function statx(path: string): StatxFields {
  const number = SYS_STATX[process.arch];
  if (number === undefined) throw new Error(`no SYS_statx known for ${process.arch}`);
  const name = cString(path);
  const buffer = new Uint8Array(STATX_SIZE_BYTES);
  const result = lib().syscall(
    number,
    AT_FDCWD,
    addressOf(name),
    0,
    STATX_BASIC,
    addressOf(buffer),
  );
  check('stat', result, path);
  const view = new DataView(buffer.buffer);
  const major = BigInt(view.getUint32(136, true));
  const minor = BigInt(view.getUint32(140, true));
  const dev =
    ((major & 0xfffn) << 8n) |
    ((major & ~0xfffn) << 32n) |
    (minor & 0xffn) |
    ((minor & ~0xffn) << 12n);
  return {
    mode: view.getUint16(28, true),
    ino: view.getBigUint64(32, true),
    size: view.getBigUint64(40, true),
    dev,
  };
}

/** access(2): whether the caller may use `path` as `mode` asks (R_OK, W_OK, X_OK bits). */
export function access(path: string, mode: number): void {
  check('access', lib().access(cString(path), mode), path);
}

const PATH_MAX = 4096;

/** realpath(3): the canonical absolute path, every symbolic link resolved. */
export function realpath(path: string): string {
  const buffer = new Uint8Array(PATH_MAX);
  const result = lib().realpath(cString(path), buffer);
  if (result === null) throw new SyscallError('realpath', lastErrno(), path);
  const end = buffer.indexOf(0);
  return utf8Decoder.decode(buffer.subarray(0, end < 0 ? buffer.length : end));
}
