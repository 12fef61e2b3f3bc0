// A persistent private mount namespace in which /var/lib is a scratch directory, for a
// runtime that writes there without an option to say elsewhere (podman 4.3 gives libcni
// no cache directory, so libcni uses /var/lib/cni). It is bound to a file (`unshare
// --mount=<file>`), so every `nsenter --mount=<file>` call, and the processes they leave
// behind (conmon and the cleanup podman it starts), share it: mounts podman makes there
// (its container namespaces under /run/netns) stay visible from one call to the next and
// never reach the machine's mount namespace.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand } from '@cni-ts/plugin-kit/testing';

function run(argv: readonly string[]): void {
  runCommand(argv);
}

function unmount(path: string): void {
  Bun.spawnSync(['umount', path], { stdout: 'pipe', stderr: 'pipe' });
}

export interface PrivateVarLib {
  /** The namespace file, for `nsenter --mount=<file>`. */
  readonly nsFile: string;
  /** The directory that is /var/lib inside the namespace. */
  readonly varLib: string;
  /** Unmounts the namespace file and its private holder (processes inside keep it alive). */
  remove(): void;
}

/** Creates the namespace under `dir` (an empty scratch directory). */
export function createPrivateVarLib(dir: string): PrivateVarLib {
  const holder = join(dir, 'mntns');
  const nsFile = join(holder, 'mnt');
  const varLib = join(dir, 'var-lib');
  mkdirSync(holder);
  mkdirSync(varLib);
  let mounted = false;
  const remove = (): void => {
    if (!mounted) return;
    mounted = false;
    unmount(nsFile);
    unmount(holder);
  };
  try {
    // A namespace file must sit on a mount with private propagation.
    run(['mount', '--bind', holder, holder]);
    mounted = true;
    run(['mount', '--make-private', holder]);
    writeFileSync(nsFile, '');
    run([
      'unshare',
      `--mount=${nsFile}`,
      '--propagation',
      'private',
      'mount',
      '--bind',
      varLib,
      '/var/lib',
    ]);
    return { nsFile, varLib, remove };
  } catch (error) {
    remove();
    throw error;
  }
}
