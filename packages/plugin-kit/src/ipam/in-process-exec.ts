import {
  DefaultExec,
  type Environment,
  type Exec,
  type ExecPluginOptions,
  findInPath,
  type StderrSink,
} from '@cni-ts/libcni';
import {
  CniError,
  CniErrorCode,
  decodeJson,
  pathBasename,
  type VersionInfo,
} from '@cni-ts/spec-types';
import type { InvokeInput, InvokeOutput } from '../skel/definition.ts';
import { realPath, statFile } from '../sys/fs-stat.ts';

/** What the shortcut needs of a plugin: a `definePlugin` result has it. */
export interface InProcessPlugin {
  invoke(input: InvokeInput): Promise<InvokeOutput>;
}

/** Finds the plugin a type names inside this executable, or undefined. */
export type PluginResolver = (type: string) => InProcessPlugin | undefined;

export interface InProcessExecOptions {
  /** Plugins this executable contains, by type (the multicall table). */
  readonly resolve: PluginResolver;
  /** Runs what the shortcut does not take (default DefaultExec). */
  readonly exec?: Exec;
  /** The running executable (default process.execPath). */
  readonly selfPath?: string;
  /** Where a successful in-process run's log lines go (default process.stderr). */
  readonly stderr?: StderrSink;
}

const encoder = new TextEncoder();

/** True when `a` and `b` are the same file: same real path, or the same inode (hard links). */
export function isSameFile(a: string, b: string): boolean {
  try {
    if (realPath(a) === realPath(b)) return true;
    const left = statFile(a);
    const right = statFile(b);
    return left.dev === right.dev && left.ino === right.ino;
  } catch {
    return false;
  }
}

/** libcni's file test for its plugin lookup, over libc instead of node:fs. */
function isRegularFile(path: string): boolean {
  return statFile(path).isFile;
}

/** The error a spawned plugin's output would have given (a definePlugin plugin prints one). */
function failure(output: InvokeOutput): CniError {
  if (output.stdout === '') {
    const msg =
      output.stderr === ''
        ? 'netplugin failed with no error message: exit status 1'
        : `netplugin failed: ${JSON.stringify(output.stderr)}: exit status 1`;
    return new CniError(CniErrorCode.Unknown, msg);
  }
  try {
    const value: unknown = decodeJson(output.stdout);
    const fields = typeof value === 'object' && value !== null ? value : {};
    const code = 'code' in fields && typeof fields.code === 'number' ? fields.code : 0;
    const msg = 'msg' in fields && typeof fields.msg === 'string' ? fields.msg : '';
    const details =
      'details' in fields && typeof fields.details === 'string' && fields.details !== ''
        ? fields.details
        : undefined;
    return new CniError(code, msg, details === undefined ? {} : { details });
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    return new CniError(
      CniErrorCode.Unknown,
      `netplugin failed but error parsing its diagnostic message ${JSON.stringify(output.stdout)}: ${text}`,
    );
  }
}

/**
 * An Exec with DESIGN.md's in-process shortcut: when the plugin binary found on CNI_PATH is
 * this very executable (the multicall binary, linked under the plugin's name) and `resolve`
 * knows the type (the binary's basename), the plugin's `invoke` runs in this process with
 * the environment and stdin the child would have had, instead of spawning it. The output is
 * handled as a child's would be: stdout on success, a CniError from the printed error object
 * on failure. Everything else goes to the wrapped Exec.
 */
export class InProcessExec implements Exec {
  readonly #options: InProcessExecOptions;
  readonly #inner: Exec;

  constructor(options: InProcessExecOptions) {
    this.#options = options;
    this.#inner = options.exec ?? new DefaultExec();
  }

  /** The plugin that would run in process for `pluginPath`, or undefined. */
  pluginFor(pluginPath: string): InProcessPlugin | undefined {
    const plugin = this.#options.resolve(pathBasename(pluginPath));
    if (plugin === undefined) return undefined;
    return isSameFile(pluginPath, this.#options.selfPath ?? process.execPath) ? plugin : undefined;
  }

  async execPlugin(
    pluginPath: string,
    stdin: Uint8Array,
    env: Environment,
    options?: ExecPluginOptions,
  ): Promise<Uint8Array> {
    const plugin = this.pluginFor(pluginPath);
    if (plugin === undefined) return this.#inner.execPlugin(pluginPath, stdin, env, options);
    const output = await plugin.invoke({ env, stdin });
    if (output.exitCode !== 0) throw failure(output);
    if (output.stderr !== '') {
      (this.#options.stderr ?? process.stderr).write(encoder.encode(output.stderr));
    }
    return encoder.encode(output.stdout);
  }

  /** The wrapped Exec's lookup; with the default one, libcni's lookup with a stat over libc. */
  findInPath(plugin: string, paths: readonly string[]): Promise<string> {
    if (this.#options.exec !== undefined) return this.#inner.findInPath(plugin, paths);
    return findInPath(plugin, paths, isRegularFile);
  }

  decode(output: Uint8Array): VersionInfo {
    return this.#inner.decode(output);
  }
}
