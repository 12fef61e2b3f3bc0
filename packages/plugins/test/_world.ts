// Root-only test worlds for the plugins: a throwaway "host" namespace in which every plugin
// process runs (so bridges, host veths, sysctls and firewall rules land there and never in
// the machine's own namespace), container namespaces, and a scratch directory for IPAM
// state. remove() deletes all of it; call it in a finally/afterEach.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestNetns, type TestNetns } from '@cni-ts/plugin-kit/testing';

/** Debian's Go reference plugins (containernetworking-plugins 1.1.1, spec <= 1.0.0). */
export const GO_PLUGIN_DIR = '/usr/lib/cni';

export interface PluginWorld {
  readonly host: TestNetns;
  readonly containers: readonly TestNetns[];
  /** Scratch directory, removed with the world. */
  readonly dir: string;
  /** A host-local dataDir inside dir. */
  readonly dataDir: string;
  remove(): void;
  [Symbol.dispose](): void;
}

/** Creates a host namespace, `containers` container namespaces and a scratch directory. */
export function createPluginWorld(containers = 1): PluginWorld {
  const made: TestNetns[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'cnits-plugins-'));
  const remove = (): void => {
    for (const ns of made.reverse()) ns.remove();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const host = createTestNetns('cnits-ph');
    made.push(host);
    const list: TestNetns[] = [];
    for (let i = 0; i < containers; i++) {
      const ns = createTestNetns('cnits-pc');
      made.push(ns);
      list.push(ns);
    }
    const dataDir = join(dir, 'ipam');
    mkdirSync(dataDir);
    return { host, containers: list, dir, dataDir, remove, [Symbol.dispose]: remove };
  } catch (error) {
    remove();
    throw error;
  }
}

/** The world's n-th container namespace. */
export function containerOf(world: PluginWorld, n = 0): TestNetns {
  const ns = world.containers[n];
  if (ns === undefined) throw new Error(`world has no container ${n}`);
  return ns;
}

export interface RunPluginOptions {
  /** Directory holding the plugin (and CNI_PATH for its delegates). */
  readonly binDir: string;
  /** The plugin's file name (the config's type). */
  readonly type: string;
  readonly command: 'ADD' | 'DEL' | 'CHECK' | 'VERSION' | 'GC' | 'STATUS';
  readonly config: object | string;
  /** The namespace the plugin process runs in (the world's host). */
  readonly host: TestNetns;
  readonly containerId?: string;
  /** CNI_NETNS; "" leaves it unset. */
  readonly netns?: string;
  readonly ifName?: string;
  readonly args?: string;
  /** Extra environment. */
  readonly env?: Readonly<Record<string, string>>;
  /** A command the plugin runs under, inside the host namespace (e.g. strace and its options). */
  readonly wrapper?: readonly string[];
}

export interface PluginRun {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout parsed as JSON, or undefined when empty or not JSON. */
  readonly json: unknown;
}

/** A config with `prevResult` set (for CHECK and DEL). */
export function withPrev(config: object, prevResult: unknown): object {
  return { ...config, prevResult };
}

/** The argv and environment for one plugin run inside the host namespace. */
export function pluginCommand(options: RunPluginOptions): {
  argv: string[];
  env: Record<string, string>;
} {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin',
    CNI_COMMAND: options.command,
    CNI_CONTAINERID: options.containerId ?? 'cid-test',
    CNI_IFNAME: options.ifName ?? 'eth0',
    CNI_PATH: options.binDir,
    ...(options.netns === undefined || options.netns === '' ? {} : { CNI_NETNS: options.netns }),
    ...(options.args === undefined ? {} : { CNI_ARGS: options.args }),
    ...options.env,
  };
  return {
    argv: [
      'ip',
      'netns',
      'exec',
      options.host.name,
      ...(options.wrapper ?? []),
      join(options.binDir, options.type),
    ],
    env,
  };
}

/** The config as the plugin's stdin: a string as given, an object as JSON. */
function configText(config: object | string): string {
  return typeof config === 'string' ? config : JSON.stringify(config);
}

function parse(stdout: string): unknown {
  if (stdout.trim() === '') return undefined;
  try {
    return JSON.parse(stdout);
  } catch {
    return undefined;
  }
}

/** Runs a plugin synchronously inside the host namespace. */
export function runPlugin(options: RunPluginOptions): PluginRun {
  const { argv, env } = pluginCommand(options);
  const stdin = configText(options.config);
  const done = Bun.spawnSync(argv, {
    env,
    stdin: Buffer.from(stdin),
    stdout: 'pipe',
    stderr: 'pipe',
  });
  const stdout = done.stdout.toString();
  return {
    exitCode: done.exitCode ?? -1,
    stdout,
    stderr: done.stderr.toString(),
    json: parse(stdout),
  };
}

/** Runs a plugin without waiting (for concurrency tests). */
export async function runPluginAsync(options: RunPluginOptions): Promise<PluginRun> {
  const { argv, env } = pluginCommand(options);
  const stdin = configText(options.config);
  const child = Bun.spawn(argv, {
    env,
    stdin: Buffer.from(stdin),
    stdout: 'pipe',
    stderr: 'pipe',
  });
  const [stdout, stderr, exitCode] = await Promise.all([
    new Response(child.stdout).text(),
    new Response(child.stderr).text(),
    child.exited,
  ]);
  return { exitCode, stdout, stderr, json: parse(stdout) };
}
