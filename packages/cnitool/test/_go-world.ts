// Running cnitool inside the "host" namespace of a Go-plugin test world (see
// packages/libcni/test/_go-netns.ts): `ip netns exec <host> bun src/main.ts ...`.

import { join } from 'node:path';
import { GO_PLUGIN_DIR, type World } from '../../libcni/test/_go-netns.ts';

export const MAIN = join(import.meta.dir, '..', 'src', 'main.ts');

/** What one cnitool process did. */
export interface ToolRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The environment cnitool gets: the world's config dir and cache, the Go plugins. */
export function toolEnv(world: World, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin',
    NETCONFPATH: world.confDir,
    CNI_PATH: GO_PLUGIN_DIR,
    CNI_CACHE_DIR: world.cacheDir,
    ...extra,
  };
}

/** The command line that runs cnitool in the world's host namespace. */
export function toolArgv(world: World, argv: readonly string[]): string[] {
  return ['ip', 'netns', 'exec', world.host.name, process.execPath, MAIN, ...argv];
}

/** Runs cnitool in the world's host namespace and waits for it. */
export function cnitool(
  world: World,
  argv: readonly string[],
  extra: Record<string, string> = {},
): ToolRun {
  const run = Bun.spawnSync(toolArgv(world, argv), {
    env: toolEnv(world, extra),
    stdout: 'pipe',
    stderr: 'pipe',
  });
  return { code: run.exitCode, stdout: run.stdout.toString(), stderr: run.stderr.toString() };
}

/** Runs a cnitool command that must succeed; returns its stdout. */
export function cnitoolOk(
  world: World,
  argv: readonly string[],
  extra: Record<string, string> = {},
): string {
  const run = cnitool(world, argv, extra);
  if (run.code !== 0) {
    throw new Error(`cnitool ${argv.join(' ')} exited ${run.code}: ${run.stderr}`);
  }
  return run.stdout;
}
