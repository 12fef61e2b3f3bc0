// A Go runtime for the tests: the cnitool command line over Debian's Go libcni 1.1.2
// (golang-github-appc-cni-dev), built offline from test/go-peer (our own driver; Debian
// ships libcni's source but not cnitool's) into a temporary directory. GO_CNITOOL_SRC
// may name upstream cnitool's main package instead. Go's libcni always caches under
// /var/lib/cni, so the tool runs in a private mount namespace where /var/lib is the
// world's own directory: the machine's /var/lib/cni is never touched.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CommandOutput, runCommand } from '@cni-ts/plugin-kit/testing';
import { GO_PLUGIN_DIR, goPluginsSkipReason, type World } from '../../libcni/test/_go-netns.ts';
import { goBuildOffline, goDriverSkipReason } from '../../plugins/test/runtimes/_go-driver.ts';

const SOURCE = process.env.GO_CNITOOL_SRC || join(import.meta.dir, 'go-peer');

/** Why the Go runtime cannot run here, or null. */
export function goPeerSkipReason(): string | null {
  const reason = goPluginsSkipReason() ?? goDriverSkipReason();
  if (reason !== null) return reason;
  if (!existsSync(SOURCE)) return `GO_CNITOOL_SRC names no directory: ${SOURCE}`;
  return null;
}

/** A built Go cnitool and the directory to remove when done. */
export interface GoPeer {
  readonly path: string;
  dispose(): void;
}

/** Builds the Go cnitool into a fresh temporary directory (about a second). */
export function buildGoPeer(): GoPeer {
  const dir = mkdtempSync(join(tmpdir(), 'cnitool-go-'));
  const path = join(dir, 'cnitool');
  const dispose = () => rmSync(dir, { recursive: true, force: true });
  try {
    goBuildOffline(SOURCE, path, dir);
  } catch (error) {
    dispose();
    throw error;
  }
  return { path, dispose };
}

/** The /var/lib the Go cnitool sees; its cache is `<varLib>/cni`. */
export function goVarLib(world: World): string {
  const dir = join(world.dir, 'varlib');
  mkdirSync(join(dir, 'cni'), { recursive: true });
  return dir;
}

/**
 * Runs the Go cnitool in the world's host namespace with /var/lib replaced; `env` adds to
 * (and may override) NETCONFPATH and CNI_PATH, which default to the world's config
 * directory and Debian's Go plugins. Throws when it exits non-zero.
 */
export function runGoPeer(
  world: World,
  peer: GoPeer,
  argv: readonly string[],
  env: Record<string, string> = {},
): CommandOutput {
  return runCommand(
    [
      'unshare',
      '--mount',
      '--propagation',
      'private',
      'sh',
      '-c',
      'mount --bind "$1" /var/lib && shift && exec "$@"',
      'sh',
      goVarLib(world),
      'ip',
      'netns',
      'exec',
      world.host.name,
      peer.path,
      ...argv,
    ],
    {
      env: {
        PATH: process.env.PATH ?? '/usr/sbin:/usr/bin',
        NETCONFPATH: world.confDir,
        CNI_PATH: GO_PLUGIN_DIR,
        ...env,
      },
    },
  );
}
