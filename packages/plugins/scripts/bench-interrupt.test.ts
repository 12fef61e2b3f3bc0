import { describe, expect, test } from 'bun:test';
import { join } from 'node:path';
import { signalAfter } from './_signal-after.ts';

// A script under runInterruptible that loops through checkpoints until signalled: it must
// leave through its finally block and exit 130, saying so.
const SCRIPT = `
import { runInterruptible } from ${JSON.stringify(join(import.meta.dir, 'bench-interrupt.ts'))};
process.exitCode = await runInterruptible(async ({ checkpoint }) => {
  try {
    process.stderr.write('ready\\n');
    for (;;) await checkpoint();
  } finally {
    process.stdout.write('finally ran\\n');
  }
});
`;

async function interrupted(signal: 'SIGINT' | 'SIGTERM') {
  const child = Bun.spawn([process.execPath, '-e', SCRIPT], { stdout: 'pipe', stderr: 'pipe' });
  const err = await signalAfter(child, (text) => text.includes('ready\n'), signal);
  return { code: await child.exited, out: await new Response(child.stdout).text(), err };
}

describe('runInterruptible', () => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    test(`${signal}: the run unwinds through its finally blocks and exits 130`, async () => {
      expect(await interrupted(signal)).toEqual({
        code: 130,
        out: 'finally ran\n',
        err: `ready\ninterrupted by ${signal}: cleaned up\n`,
      });
    });
  }

  test('without a signal, the exit status is the run’s', async () => {
    const script = `
import { runInterruptible } from ${JSON.stringify(join(import.meta.dir, 'bench-interrupt.ts'))};
process.exitCode = await runInterruptible(async ({ checkpoint }) => { await checkpoint(); return 3; });
`;
    const child = Bun.spawn([process.execPath, '-e', script], { stdout: 'pipe', stderr: 'pipe' });
    expect(await child.exited).toBe(3);
  });
});
