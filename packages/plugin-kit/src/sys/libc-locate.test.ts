import { describe, expect, test } from 'bun:test';
import {
  isLibcNotFound,
  libcCandidates,
  libcFromMaps,
  openFirst,
  SYS_GETTID,
} from './libc-locate.ts';

// Excerpts of /proc/self/maps: Debian (glibc) and Alpine (musl, whose loader is the libc).
const GLIBC_MAPS = [
  '5581c8a00000-5581c8c00000 r--p 00000000 fd:01 1234   /usr/local/bin/bun',
  '7f1e2a000000-7f1e2a028000 r--p 00000000 fd:01 4321   /usr/lib/x86_64-linux-gnu/libm.so.6',
  '7f1e2b000000-7f1e2b028000 r--p 00000000 fd:01 5678   /usr/lib/x86_64-linux-gnu/libc.so.6',
  '7f1e2c000000-7f1e2c001000 rw-p 00000000 00:00 0 ',
  '7ffd5e9f0000-7ffd5ea11000 rw-p 00000000 00:00 0      [stack]',
].join('\n');
const MUSL_MAPS = [
  '55d0c0000000-55d0c0200000 r--p 00000000 08:01 99     /usr/local/bin/bun',
  '7f0000000000-7f0000014000 r--p 00000000 08:01 77     /lib/ld-musl-aarch64.so.1',
].join('\n');

describe('libcFromMaps', () => {
  test("finds glibc's libc.so.6 and musl's loader; ignores other libraries", () => {
    expect(libcFromMaps(GLIBC_MAPS)).toBe('/usr/lib/x86_64-linux-gnu/libc.so.6');
    expect(libcFromMaps(MUSL_MAPS)).toBe('/lib/ld-musl-aarch64.so.1');
    expect(libcFromMaps('7f00-7f01 r--p 0 08:01 7 /usr/lib/libc.musl-x86_64.so.1')).toBe(
      '/usr/lib/libc.musl-x86_64.so.1',
    );
    expect(libcFromMaps('7f00-7f01 r--p 0 08:01 7 /usr/lib/libcrypto.so.3\n')).toBeUndefined();
    expect(libcFromMaps('')).toBeUndefined();
  });
});

describe('libcCandidates', () => {
  test('the mapped library first, then the usual names of glibc and musl for the arch', () => {
    expect(libcCandidates(GLIBC_MAPS, 'x64')).toEqual([
      '/usr/lib/x86_64-linux-gnu/libc.so.6',
      'libc.so.6',
      'libc.musl-x86_64.so.1',
      'ld-musl-x86_64.so.1',
    ]);
    expect(libcCandidates(MUSL_MAPS, 'arm64')).toEqual([
      '/lib/ld-musl-aarch64.so.1',
      'libc.so.6',
      'libc.musl-aarch64.so.1',
      'ld-musl-aarch64.so.1',
    ]);
    expect(libcCandidates(undefined, 'x64')).toEqual([
      'libc.so.6',
      'libc.musl-x86_64.so.1',
      'ld-musl-x86_64.so.1',
    ]);
  });

  test('on this machine the mapped libc is the first candidate, and it exists', async () => {
    const maps = await Bun.file('/proc/self/maps').text();
    const [first] = libcCandidates(maps, process.arch);
    expect(first).toStartWith('/');
    expect(await Bun.file(first ?? '').exists()).toBe(true);
  });
});

describe('openFirst', () => {
  /** A fake dlopen over a set of existing names. */
  function fakeOpen(existing: readonly string[], tried: string[]) {
    return (name: string): string => {
      tried.push(name);
      if (!existing.includes(name)) throw new Error(`${name}: cannot open shared object file`);
      return `handle:${name}`;
    };
  }

  test('returns the first candidate that opens, trying no further (musl without maps)', () => {
    const tried: string[] = [];
    const candidates = libcCandidates(undefined, 'x64');
    const handle = openFirst(candidates, fakeOpen(['ld-musl-x86_64.so.1'], tried));
    expect(handle).toBe('handle:ld-musl-x86_64.so.1');
    expect(tried).toEqual(['libc.so.6', 'libc.musl-x86_64.so.1', 'ld-musl-x86_64.so.1']);
  });

  test('glibc: the first candidate opens at once', () => {
    const tried: string[] = [];
    const candidates = libcCandidates(GLIBC_MAPS, 'x64');
    openFirst(candidates, fakeOpen(candidates, tried));
    expect(tried).toEqual(['/usr/lib/x86_64-linux-gnu/libc.so.6']);
  });

  test('none opens: a LibcNotFoundError naming each attempt', () => {
    const error = (() => {
      try {
        return openFirst(['a.so', 'b.so'], fakeOpen([], []));
      } catch (e) {
        return e;
      }
    })();
    expect(isLibcNotFound(error)).toBe(true);
    expect(String(error)).toBe(
      'LibcNotFoundError: cannot find the C library; tried a.so (a.so: cannot open shared object file), b.so (b.so: cannot open shared object file)',
    );
  });
});

describe('SYS_GETTID', () => {
  test('has the numbers of the architectures Bun runs on', () => {
    expect([SYS_GETTID.x64, SYS_GETTID.arm64]).toEqual([186, 178]);
  });
});
