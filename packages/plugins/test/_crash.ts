// Killing plugins in the middle of ADD, for the crash tests and scripts/kill-probe.ts: a kill
// at a chosen moment, a kill held inside the reservation (under strace), and what is left
// in a world afterwards. The plugin processes run in the world's host namespace; only the
// processes started here are killed, by PID.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { TestNetns } from '@cni-ts/plugin-kit/testing';
import { masqueradeLeftovers, reservedAddresses, veths } from './_kernel-state.ts';
import { containerOf, type PluginWorld, pluginCommand, type RunPluginOptions } from './_world.ts';

/** A prevResult no version of the spec accepts (issue 21). */
export const CORRUPT_PREV_RESULT = {
  ips: [{ address: 'not-an-ip', gateway: 7 }],
  interfaces: 'zz',
};

/** An interface plugin to kill: its type and a config with ipMasq and host-local. */
export interface CrashPlugin {
  readonly type: string;
  /** The config's name (host-local's store directory). */
  readonly network: string;
  /** The first address host-local hands out, with its prefix length as in the result. */
  readonly firstAddress: string;
  config(dataDir: string): Record<string, unknown>;
}

/** bridge with the configuration, and ptp alike. */
export const CRASH_PLUGINS = {
  bridge: {
    type: 'bridge',
    network: 'rkbridge',
    firstAddress: '10.250.3.2/24',
    config: (dataDir: string) => ({
      cniVersion: '1.0.0',
      name: 'rkbridge',
      type: 'bridge',
      bridge: 'relbr0',
      isGateway: true,
      ipMasq: true,
      ipam: { type: 'host-local', ranges: [[{ subnet: '10.250.3.0/24' }]], dataDir },
    }),
  },
  ptp: {
    type: 'ptp',
    network: 'rkptp',
    firstAddress: '10.250.4.2/24',
    config: (dataDir: string) => ({
      cniVersion: '1.0.0',
      name: 'rkptp',
      type: 'ptp',
      ipMasq: true,
      ipam: { type: 'host-local', ranges: [[{ subnet: '10.250.4.0/24' }]], dataDir },
    }),
  },
} as const satisfies Readonly<Record<string, CrashPlugin>>;

/** The attachment of container `containerId` of `plugin` in `world`, run from `binDir`. */
export function crashAttachment(
  world: PluginWorld,
  plugin: CrashPlugin,
  binDir: string,
  containerId: string,
): Omit<RunPluginOptions, 'command'> & { readonly config: Record<string, unknown> } {
  return {
    binDir,
    type: plugin.type,
    config: plugin.config(world.dataDir),
    host: world.host,
    netns: containerOf(world).path,
    containerId,
  };
}

/** The name prefix of our host-local's temporary reservation files. */
const TEMP_PREFIX = '.reserving.';

/** One plugin run without waiting, `wrapper` (e.g. strace) between `ip netns exec` and the plugin. */
function spawnPlugin(options: RunPluginOptions, wrapper: readonly string[] = []) {
  const { argv, env } = pluginCommand({ ...options, wrapper });
  return Bun.spawn(argv, {
    env,
    stdin: Buffer.from(JSON.stringify(options.config)),
    stdout: 'ignore',
    stderr: 'ignore',
  });
}

/**
 * Milliseconds an ADD takes, start to exit: the longest of `runs` ADD+DEL rounds (so that
 * random kills up to it cover a whole ADD).
 */
export async function timeAdd(
  options: Omit<RunPluginOptions, 'command'>,
  runs = 3,
): Promise<number> {
  let longest = 0;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const exitCode = await spawnPlugin({ ...options, command: 'ADD' }).exited;
    longest = Math.max(longest, performance.now() - started);
    if (exitCode !== 0) throw new Error(`ADD for the timing failed with exit code ${exitCode}`);
    const removed = await spawnPlugin({ ...options, command: 'DEL' }).exited;
    if (removed !== 0) throw new Error(`DEL after the timing failed with exit code ${removed}`);
  }
  return longest;
}

/**
 * Starts ADD and kills it with SIGKILL after `delayMs`, unless it finished first. True when
 * the kill landed. (`ip netns exec` execs the plugin, so the PID is the plugin's.)
 */
export async function addKilledAfter(
  options: Omit<RunPluginOptions, 'command'>,
  delayMs: number,
): Promise<boolean> {
  const child = spawnPlugin({ ...options, command: 'ADD' });
  const timer = setTimeout(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  }, delayMs);
  await child.exited;
  clearTimeout(timer);
  return child.signalCode === 'SIGKILL';
}

/**
 * strace arguments that hold, for `holdMs`, every write(2) to and link(2) onto `path`:
 * the Go host-local creates an address file and then writes its owner (held: the file is
 * there, empty); ours links a complete temporary file into place (held: nothing is there).
 */
export function reservationHold(path: string, holdMs: number): string[] {
  const delay = `delay_enter=${holdMs * 1000}`;
  return [
    'strace',
    '-f',
    '--seccomp-bpf',
    '-o',
    '/dev/null',
    '-e',
    'trace=write,link',
    '-e',
    `inject=write:${delay}`,
    '-e',
    `inject=link:${delay}`,
    '-P',
    path,
  ];
}

/** The first child of `pid` (the process strace started), or undefined. */
function firstChild(pid: number): number | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
    const first = Number(text.split(' ')[0]);
    return Number.isInteger(first) && first > 0 ? first : undefined;
  } catch {
    return undefined;
  }
}

/** True once a reservation of `name` is under way in `dir`: its file, or a written temporary file. */
function reservationStarted(dir: string, name: string): boolean {
  if (existsSync(join(dir, name))) return true;
  try {
    return readdirSync(dir).some(
      (file) => file.startsWith(TEMP_PREFIX) && statSync(join(dir, file)).size > 0,
    );
  } catch {
    return false;
  }
}

/**
 * The deterministic crash of issue 21: ADD under strace with the reservation of
 * `<storeDir>/<address>` held (see reservationHold); once the reservation is under way the
 * plugin process (strace's child, not strace) gets SIGKILL. Resolves when strace is done
 * (a separate IPAM process, as the Go bridge runs, finishes its hold first).
 */
export async function addKilledInReservation(
  options: Omit<RunPluginOptions, 'command'>,
  storeDir: string,
  address: string,
  holdMs = 2000,
): Promise<void> {
  const strace = spawnPlugin(
    { ...options, command: 'ADD' },
    reservationHold(join(storeDir, address), holdMs),
  );
  try {
    const deadline = Date.now() + 30_000;
    while (!reservationStarted(storeDir, address)) {
      if (strace.exitCode !== null) throw new Error('ADD ended before reserving the address');
      if (Date.now() > deadline) throw new Error('ADD did not reach the reservation in 30 s');
      await Bun.sleep(10);
    }
    // Well inside the hold: the plugin is stopped in the held write or link.
    await Bun.sleep(Math.min(300, holdMs / 4));
    const plugin = firstChild(strace.pid);
    if (plugin === undefined) throw new Error('no plugin process under strace');
    process.kill(plugin, 'SIGKILL');
  } finally {
    if (strace.exitCode === null) {
      const timer = setTimeout(() => strace.kill('SIGKILL'), holdMs + 30_000);
      await strace.exited;
      clearTimeout(timer);
    }
  }
}

/** What an attachment left behind in a world. */
export interface Leftovers {
  /** Veths in the host namespace (a bridge is not one). */
  readonly veths: string[];
  /** Address files of the network (empty ones included). */
  readonly reservations: string[];
  /** The address files among them that name nobody. */
  readonly empty: string[];
  /** Temporary reservation files. */
  readonly temps: string[];
  /** Masquerade rules and CNI chains, iptables and nftables. */
  readonly rules: string[];
}

/** What is left in the host namespace and in host-local's store of `network`. */
export function leftovers(host: TestNetns, dataDir: string, network: string): Leftovers {
  const files = reservedAddresses(dataDir, network);
  const reservations = files.filter((file) => !file.startsWith('.'));
  return {
    veths: veths(host).map((link) => link.ifname),
    reservations,
    empty: reservations.filter((file) => statSync(join(dataDir, network, file)).size === 0),
    temps: files.filter((file) => file.startsWith('.')),
    rules: masqueradeLeftovers(host),
  };
}

/** No leftovers at all. */
export const NOTHING_LEFT: Leftovers = {
  veths: [],
  reservations: [],
  empty: [],
  temps: [],
  rules: [],
};
