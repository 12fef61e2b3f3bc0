// libc.ts must not dlopen at import time. Bun itself links libc, so /proc/self/maps cannot
// tell; glibc's loader can: with LD_DEBUG=files it logs "opening file=…libc.so.6" for each
// dlopen() of an already-loaded library, and nothing for a mere import.
import { describe, expect, test } from 'bun:test';

const LIBC = new URL('./libc.ts', import.meta.url).pathname;

function dlopenLines(script: string): string[] {
  const child = Bun.spawnSync([process.execPath, '-e', script], {
    env: { ...process.env, LD_DEBUG: 'files' },
    stdout: 'pipe',
    stderr: 'pipe',
  });
  expect(child.exitCode).toBe(0);
  return child.stderr
    .toString()
    .split('\n')
    .filter((line) => /opening file=.*libc\.so\.6/.test(line));
}

describe('libc.ts', () => {
  test('does not dlopen libc when it is only imported', () => {
    const lines = dlopenLines(`import * as libc from ${JSON.stringify(LIBC)}; void libc.O_RDWR;`);
    expect(lines).toEqual([]);
  });

  test('dlopens libc on the first call, once', () => {
    const lines = dlopenLines(
      `import { gettid } from ${JSON.stringify(LIBC)}; gettid(); gettid(); gettid();`,
    );
    expect(lines.length).toBe(1);
  });
});
