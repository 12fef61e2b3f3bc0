// The whole runtime: a fresh network namespace, ADD of a conflist through libcni, one
// command run inside, DEL, the namespace removed. Everything made is undone, also when a
// step fails.
import { CniConfig, type NetworkConfigList } from '@cni-ts/libcni';
import { createNamedNetns, deleteNamedNetns, withNetns } from '@cni-ts/plugin-kit';
import type { Result } from '@cni-ts/spec-types';

export interface RunOptions {
  readonly list: NetworkConfigList;
  /** Where the plugins are (CNI_PATH). */
  readonly pluginDirs: readonly string[];
  /** libcni's result cache. */
  readonly cacheDir: string;
  readonly command: readonly string[];
  readonly ifName?: string;
  /** Called as each step happens. */
  readonly log?: (line: string) => void;
}

export interface RunReport {
  readonly netns: string;
  readonly containerId: string;
  readonly result: Result;
  readonly exitCode: number;
  readonly output: string;
}

/** Runs options.command in a new netns attached to options.list; DELs and cleans up. */
export async function runInNetwork(options: RunOptions): Promise<RunReport> {
  const log = options.log ?? (() => {});
  const containerId = `embedded-${crypto.randomUUID().slice(0, 8)}`;
  const cni = new CniConfig({ path: [...options.pluginDirs], cacheDir: options.cacheDir });
  const ns = createNamedNetns(containerId);
  log(`netns ${ns.path} created`);
  const runtime = { containerId, netns: ns.path, ifName: options.ifName ?? 'eth0' };
  try {
    const result = await cni.addNetworkList(options.list, runtime);
    log(`ADD ${options.list.name}: ok`);
    try {
      // A child started while this thread is in the namespace lives in it.
      const child = withNetns(ns, () =>
        Bun.spawnSync([...options.command], { stdout: 'pipe', stderr: 'pipe' }),
      );
      const output = child.stdout.toString() + child.stderr.toString();
      log(`ran ${options.command.join(' ')}: exit ${child.exitCode}`);
      return { netns: ns.path, containerId, result, exitCode: child.exitCode ?? 1, output };
    } finally {
      await cni.delNetworkList(options.list, runtime);
      log(`DEL ${options.list.name}: ok`);
    }
  } finally {
    ns.close();
    deleteNamedNetns(containerId);
    log(`netns ${ns.path} removed`);
  }
}
