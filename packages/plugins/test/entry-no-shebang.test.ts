// The executable's entry module starts without a `#!` line. Bun keeps a shebang at the top
// of the bundled entry chunk, and with --splitting and --bytecode that chunk then misses
// the fast start: measured with Bun 1.4.5, a VERSION exec took 8.8 ms with the line and
// 6.6 ms without, a loopback ADD 15.3 against 12.0 ms (interleaved, 150-200 rounds). The
// file is compiled, never run as a script, so it needs no shebang (issue 22).
import { expect, test } from 'bun:test';
import { join } from 'node:path';
import { COMPILE_FLAGS } from '../scripts/build-plugins.ts';

test('the compiled entry module has no shebang line', async () => {
  expect(COMPILE_FLAGS).toContain('--splitting');
  const source = await Bun.file(join(import.meta.dir, '..', 'src', 'main.ts')).text();
  expect(source.startsWith('#!')).toBe(false);
});
