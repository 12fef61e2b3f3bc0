import { expect, test } from 'bun:test';
import { join } from 'node:path';

// With no socket file at the bus address, firewalld cannot be running: the answer comes
// without loading the D-Bus library (which a plugin exec would pay for in start-up time).
// Each case runs in a process of its own, so that what it loads is its own.

function probe(address: string): { running: boolean; loaded: boolean } {
  const run = Bun.spawnSync(
    [process.execPath, join(import.meta.dir, '_test-bus-probe.ts'), address],
    {
      stdout: 'pipe',
      stderr: 'pipe',
    },
  );
  if (run.exitCode !== 0) throw new Error(run.stderr.toString());
  return JSON.parse(run.stdout.toString()) as { running: boolean; loaded: boolean };
}

test('no socket file: not running, and the D-Bus library is never loaded', () => {
  expect(probe('unix:path=/nonexistent/cnits/system_bus_socket')).toEqual({
    running: false,
    loaded: false,
  });
});

test('a unix:path that exists is dialled over a socket of our own; a failed dial loads nothing', () => {
  expect(probe('unix:path=/')).toEqual({ running: false, loaded: false });
});

test('another kind of address goes through the bus client of the library (its dial fails)', () => {
  expect(probe('unix:abstract=/cnits/no-such-bus')).toEqual({ running: false, loaded: true });
});
