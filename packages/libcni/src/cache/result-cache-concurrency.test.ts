import { afterEach, beforeEach, describe, expect, test } from 'bun:test';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Several processes write, read and remove one attachment's record at once. The cache
// used to take a `<file>.lock` lock file holding its holder's pid, broken by renaming
// when stale: a lock naming a live process that is not a cache user (PID reuse, another
// PID namespace) made every writer give up after 10 s, failing an ADD whose plugins had
// run. Records are now single atomic renames and unlinks, with no lock to wait for.

const WORKER = join(import.meta.dir, '..', '..', 'test', '_cache-worker.ts');
const WORKERS = 8;
const ROUNDS = 150;

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'libcni-cache-race-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

interface WorkerRun {
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

async function worker(id: number): Promise<WorkerRun> {
  const proc = Bun.spawn([process.execPath, WORKER, dir, String(id), String(ROUNDS)], {
    stdout: 'pipe',
    stderr: 'pipe',
  });
  const [stdout, stderr] = await Promise.all([
    new Response(proc.stdout).text(),
    new Response(proc.stderr).text(),
  ]);
  return { exitCode: await proc.exited, stdout, stderr };
}

describe('ResultCache across processes', () => {
  test('8 processes racing on one attachment: all finish, every read is a whole record', async () => {
    const results = join(dir, 'results');
    mkdirSync(results, { recursive: true, mode: 0o700 });
    // A lock file left behind, naming a live process that holds no lock (this one).
    writeFileSync(join(results, 'net-c1-eth0.lock'), `${process.pid}\n`);
    const runs = await Promise.all(Array.from({ length: WORKERS }, (_, id) => worker(id + 1)));
    const failed = runs.filter((run) => run.exitCode !== 0).map((run) => run.stderr.trim());
    expect(failed.slice(0, 1)).toEqual([]);
    const totals = runs.map((run) => JSON.parse(run.stdout) as { records: number; none: number });
    // Each round reads after its own write; another process's removal in between is the
    // only way to read nothing.
    for (const total of totals) expect(total.records + total.none).toBe(ROUNDS);
    const left = readdirSync(results).filter((name) => name !== 'net-c1-eth0.lock');
    expect(left.filter((name) => name !== 'net-c1-eth0')).toEqual([]);
  });
});
