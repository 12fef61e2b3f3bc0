// Which C library to dlopen. The process already has one mapped (Bun links it); opening
// that same file is right on glibc and on musl alike, so /proc/self/maps is asked first.
// The usual names follow, in case the maps cannot be read. Pure functions, no bun:ffi.

/** The basename of a C library: glibc's, musl's (Alpine's name) or musl's loader. */
const LIBC_NAME = /^(?:libc\.so\.6|libc\.musl-[a-z0-9_]+\.so\.1|ld-musl-[a-z0-9_]+\.so\.1)$/;

/** musl's name for a Node/Bun `process.arch`. */
const MUSL_ARCH: Readonly<Record<string, string>> = {
  x64: 'x86_64',
  arm64: 'aarch64',
  arm: 'armhf',
  ia32: 'i386',
  riscv64: 'riscv64',
  ppc64: 'powerpc64le',
  s390x: 's390x',
};

/** The path of the C library mapped into the process, from /proc/self/maps text. */
export function libcFromMaps(maps: string): string | undefined {
  for (const line of maps.split('\n')) {
    // address perms offset dev inode path; the path is the sixth field and may be absent.
    const path = line.split(/\s+/, 6)[5];
    if (path?.startsWith('/') && LIBC_NAME.test(path.slice(path.lastIndexOf('/') + 1))) {
      return path;
    }
  }
  return undefined;
}

/** What to try, in order: the mapped library, then glibc's and musl's usual names. */
export function libcCandidates(maps: string | undefined, arch: string): string[] {
  const musl = MUSL_ARCH[arch] ?? arch;
  const mapped = maps === undefined ? undefined : libcFromMaps(maps);
  const names = [
    ...(mapped === undefined ? [] : [mapped]),
    'libc.so.6',
    `libc.musl-${musl}.so.1`,
    `ld-musl-${musl}.so.1`,
  ];
  return [...new Set(names)];
}

/** No C library could be opened. */
export class LibcNotFoundError extends Error {
  override readonly name = 'LibcNotFoundError';
  /** Each candidate with why it did not open. */
  readonly attempts: readonly { readonly candidate: string; readonly reason: string }[];

  constructor(attempts: readonly { readonly candidate: string; readonly reason: string }[]) {
    const tried = attempts.map((a) => `${a.candidate} (${a.reason})`).join(', ');
    super(`cannot find the C library; tried ${tried || 'nothing'}`);
    this.attempts = attempts;
  }
}

export function isLibcNotFound(error: unknown): error is LibcNotFoundError {
  return error instanceof LibcNotFoundError;
}

/** Opens the first candidate that `open` accepts; LibcNotFoundError when none does. */
export function openFirst<T>(candidates: readonly string[], open: (candidate: string) => T): T {
  const attempts: { candidate: string; reason: string }[] = [];
  for (const candidate of candidates) {
    try {
      return open(candidate);
    } catch (error) {
      attempts.push({ candidate, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  throw new LibcNotFoundError(attempts);
}

/** SYS_gettid per `process.arch` (for C libraries without gettid(): glibc before 2.30). */
export const SYS_GETTID: Readonly<Record<string, number>> = {
  x64: 186,
  arm64: 178,
  riscv64: 178,
  arm: 224,
  ia32: 224,
  ppc64: 207,
  s390x: 236,
};

/** SYS_statx per `process.arch` (a raw syscall: glibc before 2.28 has no statx()). */
export const SYS_STATX: Readonly<Record<string, number>> = {
  x64: 332,
  arm64: 291,
  riscv64: 291,
  arm: 397,
  ia32: 383,
  ppc64: 383,
  s390x: 379,
};
