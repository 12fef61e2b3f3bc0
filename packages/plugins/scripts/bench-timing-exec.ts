// A libcni Exec that runs plugins as the default one does and keeps, for every plugin
// process, its name, its CNI_COMMAND and its wall-clock time from spawn to exit.
import { basename } from 'node:path';
import type { Environment, Exec, ExecPluginOptions } from '@cni-ts/libcni';
import type { VersionInfo } from '@cni-ts/spec-types';

/** One plugin process as the runtime saw it. */
export interface PluginTiming {
  readonly plugin: string;
  readonly command: string;
  readonly ms: number;
}

export class TimingExec implements Exec {
  readonly timings: PluginTiming[] = [];
  readonly fileIdentity?: (pluginPath: string) => Promise<string>;
  readonly #inner: Exec;

  constructor(inner: Exec) {
    this.#inner = inner;
    if (inner.fileIdentity !== undefined) this.fileIdentity = inner.fileIdentity.bind(inner);
  }

  async execPlugin(
    pluginPath: string,
    stdin: Uint8Array,
    env: Environment,
    options?: ExecPluginOptions,
  ): Promise<Uint8Array> {
    const started = performance.now();
    try {
      return await this.#inner.execPlugin(pluginPath, stdin, env, options);
    } finally {
      this.timings.push({
        plugin: basename(pluginPath),
        command: env.CNI_COMMAND ?? '?',
        ms: performance.now() - started,
      });
    }
  }

  findInPath(plugin: string, paths: readonly string[]): Promise<string> {
    return this.#inner.findInPath(plugin, paths);
  }

  decode(output: Uint8Array): VersionInfo {
    return this.#inner.decode(output);
  }

  /** Takes the timings kept so far, leaving none. */
  drain(): PluginTiming[] {
    return this.timings.splice(0);
  }
}
