import type { VersionInfo } from '@cni-ts/spec-types';

/** The environment given to a plugin: names to values (undefined entries are left out). */
export type Environment = Readonly<Record<string, string | undefined>>;

/** Where plugin stderr goes on success: `process.stderr` or anything with a `write`. */
export interface StderrSink {
  write(chunk: Uint8Array): unknown;
}

/** Options of one plugin run. */
export interface ExecPluginOptions {
  /** Aborting ends the plugin: SIGTERM, then SIGKILL after the grace period. */
  readonly signal?: AbortSignal | undefined;
}

/**
 * How libcni finds and runs plugins: upstream's `invoke.Exec`. The default is
 * {@link DefaultExec}; tests inject a fake (see `@cni-ts/libcni/testing`).
 */
export interface Exec {
  /**
   * Runs the plugin at `pluginPath` with `stdin` and exactly the environment `env`, and
   * resolves to its stdout. A failing plugin rejects with a CniError built from its
   * output, with upstream's texts.
   */
  execPlugin(
    pluginPath: string,
    stdin: Uint8Array,
    env: Environment,
    options?: ExecPluginOptions,
  ): Promise<Uint8Array>;
  /** Finds the plugin binary `plugin` in the directories `paths` (upstream's FindInPath). */
  findInPath(plugin: string, paths: readonly string[]): Promise<string>;
  /** Decodes a plugin's VERSION output. */
  decode(output: Uint8Array): VersionInfo;
  /**
   * Optional: the identity of the plugin file at `pluginPath` (a text that changes when a
   * new binary is installed there). With it, `CniConfig` keeps each plugin's VERSION
   * answer and asks again only when the identity changes; without it, every VERSION is
   * asked. {@link DefaultExec} gives device, inode, size and times from one stat.
   */
  fileIdentity?(pluginPath: string): Promise<string>;
}
