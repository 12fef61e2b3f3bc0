// Throwaway network namespaces for root-only tests (*.netns.test.ts). They are made with
// `ip netns add` (tests may run ip; the kit's runtime code never does), named
// `cnits-<random>`, and removed by remove() or `using`, also when a test fails.
import { existsSync } from 'node:fs';
import { type Netns, openNetns } from '../netns/netns.ts';
import { runCommand } from './run-command.ts';

export interface TestNetns {
  readonly name: string;
  /** /run/netns/<name> */
  readonly path: string;
  /** An open handle, closed by remove(). */
  readonly ns: Netns;
  /** Runs a command inside the namespace (`ip netns exec`), returning its output; throws on failure. */
  exec(argv: readonly string[]): string;
  remove(): void;
  [Symbol.dispose](): void;
}

function run(argv: readonly string[]): { ok: boolean; stdout: string; stderr: string } {
  const result = Bun.spawnSync([...argv], { stdout: 'pipe', stderr: 'pipe' });
  return {
    ok: result.exitCode === 0,
    stdout: result.stdout.toString(),
    stderr: result.stderr.toString(),
  };
}

let probed: string | null | undefined;

/**
 * Why namespace tests cannot run here, or null when they can: they need root, the `ip`
 * command (Debian iproute2) and the right to create a namespace.
 */
export function netnsSkipReason(): string | null {
  if (probed !== undefined) return probed;
  if (process.getuid?.() !== 0) {
    probed = 'needs root (network namespaces)';
  } else if (!run(['sh', '-c', 'command -v ip']).ok) {
    probed = 'needs the ip command (Debian package iproute2)';
  } else {
    const name = `cnits-probe-${process.pid}`;
    const made = run(['ip', 'netns', 'add', name]);
    if (made.ok) run(['ip', 'netns', 'del', name]);
    probed = made.ok ? null : `cannot create a network namespace: ${made.stderr.trim()}`;
  }
  if (probed !== null) process.stderr.write(`skipping namespace tests: ${probed}\n`);
  return probed;
}

/** True when namespace tests can run (see netnsSkipReason for why not). */
export function canUseNetns(): boolean {
  return netnsSkipReason() === null;
}

function randomName(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(4));
  return `${prefix}-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** Creates a namespace with a random name and loopback up. */
export function createTestNetns(prefix = 'cnits'): TestNetns {
  const name = randomName(prefix);
  runCommand(['ip', 'netns', 'add', name]);
  const path = `/run/netns/${name}`;
  let ns: Netns;
  try {
    run(['ip', '-n', name, 'link', 'set', 'lo', 'up']);
    ns = openNetns(path);
  } catch (error) {
    run(['ip', 'netns', 'del', name]);
    throw error;
  }
  let removed = false;
  const remove = (): void => {
    if (removed) return;
    removed = true;
    ns.close();
    if (existsSync(path)) run(['ip', 'netns', 'del', name]);
  };
  return {
    name,
    path,
    ns,
    exec(argv) {
      return runCommand(['ip', 'netns', 'exec', name, ...argv]).stdout;
    },
    remove,
    [Symbol.dispose]: remove,
  };
}
