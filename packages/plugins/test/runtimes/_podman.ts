// Podman 4.3 with its CNI backend as the runtime, confined to a world: every podman
// process (and so conmon, runc, the cleanup podman conmon starts, and the CNI plugins)
// runs in the world's host network namespace, and all of podman's state lives in a
// scratch directory:
//
// - containers.conf (CONTAINERS_CONF, which conmon passes on to the cleanup podman): CNI
//   backend, our plugin directory, the world's network config directory, runc through a
//   wrapper that keeps runc's state in the scratch directory, cgroupfs, file events,
//   ulimits the sandbox can grant (no CAP_SYS_RESOURCE);
// - storage.conf (vfs driver, graph root and run root in the scratch directory);
// - a busybox rootfs for `podman run --rootfs` (no image, no registry).
//
// `nsenter --net`, not `ip netns exec`: the latter mounts a fresh /sys, which hides the
// cgroup mounts runc needs. The network namespace is what keeps bridges, veths, sysctls
// and firewall rules out of the machine's namespace; a private mount namespace (see
// _mount-ns.ts) keeps libcni's /var/lib/cni and podman's netns mounts out of the
// machine's file system. remove() also removes the cgroup parent directory of the
// sandbox's containers (a unique name per sandbox) from every hierarchy.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { netnsSkipReason } from '@cni-ts/plugin-kit/testing';
import type { PluginWorld } from '../_world.ts';
import { BUSYBOX, haveStaticBusybox, makeBusyboxRootfs } from './_busybox.ts';
import { CGROUP_ROOT, killProcessesUsing, removeCgroupParent } from './_leftovers.ts';
import { createPrivateVarLib, type PrivateVarLib } from './_mount-ns.ts';
import { containersConf, runcWrapper, storageConf } from './_podman-conf.ts';

function commandPath(name: string): string | undefined {
  const found = Bun.spawnSync(['sh', '-c', `command -v ${name}`], { stdout: 'pipe' });
  return found.exitCode === 0 ? found.stdout.toString().trim() : undefined;
}

/** Why the podman tests cannot run here, or null when they can. */
export function podmanSkipReason(): string | null {
  const netns = netnsSkipReason();
  if (netns !== null) return netns;
  const packages: Record<string, string> = {
    podman: 'podman',
    conmon: 'conmon',
    runc: 'runc',
    nsenter: 'util-linux',
  };
  const absent = Object.keys(packages).filter((command) => commandPath(command) === undefined);
  if (absent.length > 0) {
    return `needs ${absent.join(', ')} (Debian packages ${absent.map((c) => packages[c]).join(', ')})`;
  }
  if (!haveStaticBusybox()) {
    return `needs a static ${BUSYBOX} (Debian package busybox-static)`;
  }
  if (
    !existsSync(join(CGROUP_ROOT, 'memory')) &&
    !existsSync(join(CGROUP_ROOT, 'cgroup.controllers'))
  ) {
    return `needs cgroups mounted under ${CGROUP_ROOT}`;
  }
  return null;
}

export interface PodmanRun {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface PodmanSandbox {
  readonly dir: string;
  /** The busybox rootfs for `--rootfs`. */
  readonly rootfs: string;
  /** Where podman's libcni caches results (its /var/lib/cni). */
  readonly libcniCacheDir: string;
  /** Podman's network config directory: put conflists here. */
  readonly netConfDir: string;
  /** The environment podman runs with (its config files, HOME, TMPDIR). */
  readonly env: Readonly<Record<string, string>>;
  /** podman's global flags: --root, --runroot, --tmpdir in the scratch directory. */
  readonly globalFlags: readonly string[];
  /** The private mount namespace podman runs in, for `nsenter --mount=<file>`. */
  readonly mountNsFile: string;
  /** Flags every `podman run` of the sandbox needs: its cgroup parent, conmon outside cgroups. */
  readonly runFlags: readonly string[];
  /** Runs podman with the sandbox's configuration in the world's host namespace. */
  podman(args: readonly string[]): PodmanRun;
  /** Writes a conflist into the network config directory. */
  addNetwork(conflist: { readonly name: string; readonly [key: string]: unknown }): void;
  /** Removes every container, then every file and directory the sandbox made. */
  remove(): void;
  [Symbol.dispose](): void;
}

/** A podman configuration confined to `world`, running the plugins in `pluginDir`. */
export function createPodmanSandbox(world: PluginWorld, pluginDir: string): PodmanSandbox {
  const dir = mkdtempSync(join(tmpdir(), 'cnits-podman-'));
  const cgroupParent = `cnits-podman-${dir.slice(-6)}`;
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin',
    HOME: dir,
    TMPDIR: join(dir, 'tmp'),
    CONTAINERS_CONF: join(dir, 'containers.conf'),
    CONTAINERS_STORAGE_CONF: join(dir, 'storage.conf'),
  };
  const globalFlags = [
    '--root',
    join(dir, 'root'),
    '--runroot',
    join(dir, 'runroot'),
    '--tmpdir',
    join(dir, 'tmp'),
  ];
  let varLib: PrivateVarLib | undefined;
  const podman = (args: readonly string[]): PodmanRun => {
    if (varLib === undefined) throw new Error('the sandbox is not set up');
    const done = Bun.spawnSync(
      [
        'nsenter',
        `--mount=${varLib.nsFile}`,
        `--net=${world.host.path}`,
        'podman',
        ...globalFlags,
        ...args,
      ],
      { env, stdout: 'pipe', stderr: 'pipe' },
    );
    return {
      exitCode: done.exitCode ?? -1,
      stdout: done.stdout.toString(),
      stderr: done.stderr.toString(),
    };
  };
  let removed = false;
  const remove = (): void => {
    if (removed) return;
    removed = true;
    if (varLib !== undefined) podman(['rm', '--all', '--force', '--time', '0']);
    killProcessesUsing(dir);
    removeCgroupParent(cgroupParent);
    varLib?.remove();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (const sub of ['root', 'runroot', 'tmp', 'net.d', 'runc', 'volumes']) {
      mkdirSync(join(dir, sub));
    }
    varLib = createPrivateVarLib(dir);
    const runtime = join(dir, 'runc-wrapper');
    const runc = commandPath('runc') ?? 'runc';
    writeFileSync(runtime, runcWrapper(runc, join(dir, 'runc')), { mode: 0o755 });
    writeFileSync(join(dir, 'containers.conf'), containersConf(dir, pluginDir, runtime));
    writeFileSync(join(dir, 'storage.conf'), storageConf(dir));
    const rootfs = join(dir, 'rootfs');
    makeBusyboxRootfs(rootfs);
    return {
      dir,
      env,
      globalFlags,
      mountNsFile: varLib.nsFile,
      rootfs,
      libcniCacheDir: join(varLib.varLib, 'cni'),
      netConfDir: join(dir, 'net.d'),
      runFlags: ['--cgroups=no-conmon', `--cgroup-parent=/${cgroupParent}`],
      podman,
      addNetwork(conflist) {
        writeFileSync(join(dir, 'net.d', `${conflist.name}.conflist`), JSON.stringify(conflist));
      },
      remove,
      [Symbol.dispose]: remove,
    };
  } catch (error) {
    remove();
    throw error;
  }
}
