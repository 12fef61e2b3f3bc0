// The configuration files of a podman sandbox (see _podman.ts): containers.conf for the
// CNI backend and runc, storage.conf for vfs storage, and the runc wrapper that keeps
// runc's state directory (default /run/runc) inside the sandbox. The wrapper is named as
// the runtime's path in containers.conf, so the cleanup podman that conmon starts (which
// gets CONTAINERS_CONF but not podman's --runtime-flag options) uses it too.
import { join } from 'node:path';

function toml(value: string): string {
  return JSON.stringify(value);
}

/** containers.conf: CNI backend with `pluginDir`, the wrapper as runc, state in `dir`. */
export function containersConf(dir: string, pluginDir: string, runtime: string): string {
  return [
    '[containers]',
    'default_ulimits = ["nofile=1024:1024", "nproc=4096:4096"]',
    '[network]',
    'network_backend = "cni"',
    `cni_plugin_dirs = [${toml(pluginDir)}]`,
    `network_config_dir = ${toml(join(dir, 'net.d'))}`,
    '[engine]',
    'runtime = "runc"',
    'cgroup_manager = "cgroupfs"',
    'events_logger = "file"',
    `events_logfile_path = ${toml(join(dir, 'tmp', 'events.log'))}`,
    `tmp_dir = ${toml(join(dir, 'tmp'))}`,
    `volume_path = ${toml(join(dir, 'volumes'))}`,
    '[engine.runtimes]',
    `runc = [${toml(runtime)}]`,
    '',
  ].join('\n');
}

/** storage.conf: vfs (no overlay mounts), graph root and run root in `dir`. */
export function storageConf(dir: string): string {
  return [
    '[storage]',
    'driver = "vfs"',
    `graphroot = ${toml(join(dir, 'root'))}`,
    `runroot = ${toml(join(dir, 'runroot'))}`,
    '',
  ].join('\n');
}

/** The runc wrapper script: runc with its state root in `stateDir`. */
export function runcWrapper(runc: string, stateDir: string): string {
  return `#!/bin/sh\nexec ${toml(runc)} --root ${toml(stateDir)} "$@"\n`;
}
