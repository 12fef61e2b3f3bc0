import { describe, expect, test } from 'bun:test';
import { posix } from 'node:path';
import { pathBasename, pathDirname, pathJoin, pathNormalize } from './posix-path.ts';

/** Every path of up to four pieces from a small alphabet of awkward parts, deterministically. */
function paths(): string[] {
  const pieces = ['', '/', '//', '.', '..', 'a', 'b.c', 'a/', '/a', '../', './', 'x//y'];
  const out = new Set<string>();
  const walk = (prefix: string, depth: number) => {
    out.add(prefix);
    if (depth === 0) return;
    for (const piece of pieces) walk(prefix + piece, depth - 1);
  };
  walk('', 4);
  return [...out];
}

describe('posix-path: what node:path posix gives', () => {
  const all = paths();

  test('normalize, dirname and basename for every path of the alphabet', () => {
    expect(all.length).toBeGreaterThan(10000);
    for (const path of all) {
      expect({ path, normalize: pathNormalize(path) }).toEqual({
        path,
        normalize: posix.normalize(path),
      });
      expect({ path, dirname: pathDirname(path) }).toEqual({ path, dirname: posix.dirname(path) });
      expect({ path, basename: pathBasename(path) }).toEqual({
        path,
        basename: posix.basename(path),
      });
    }
  });

  test('join of two and three parts', () => {
    const some = all.filter((_, i) => i % 7 === 0);
    for (const a of some) {
      for (const b of ['', '/', 'a', '../b', 'c/', '.']) {
        expect({ a, b, join: pathJoin(a, b) }).toEqual({ a, b, join: posix.join(a, b) });
        expect(pathJoin(a, b, 'z')).toBe(posix.join(a, b, 'z'));
      }
    }
    expect(pathJoin()).toBe(posix.join());
    expect(pathJoin('/proc/sys', 'net/ipv4/ip_forward')).toBe('/proc/sys/net/ipv4/ip_forward');
  });
});
