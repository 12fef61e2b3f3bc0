import {
  CniError,
  CniErrorCode,
  decodeJson,
  encodeJson,
  parseVersionInfo,
  pathJoin,
  SUPPORTED_VERSIONS,
  stringifyVersionInfo,
  type VersionInfo,
} from '@cni-ts/spec-types';
import { PluginLookupError } from '../errors/plugin-lookup-error.ts';
import type { Environment, Exec, ExecPluginOptions } from '../invoke/exec.ts';

/** One plugin run seen by a {@link FakeExec}. */
export interface FakeCall {
  /** The plugin's name (the basename of its path). */
  readonly plugin: string;
  readonly pluginPath: string;
  /** CNI_COMMAND. */
  readonly command: string;
  /** The whole environment the run was given. */
  readonly env: Readonly<Record<string, string>>;
  /** stdin as text. */
  readonly stdin: string;
  /** stdin decoded, when it is a JSON object. */
  readonly config: Readonly<Record<string, unknown>> | undefined;
}

/** What a fake plugin prints: text, bytes, a JSON value, or nothing. */
export type FakeOutput = string | Uint8Array | object | undefined;

/**
 * A fake plugin: returns its stdout, or throws a CniError to fail as a plugin printing
 * that error would. Returning undefined for VERSION gives the default VERSION answer.
 */
export type FakePlugin = (call: FakeCall) => FakeOutput | Promise<FakeOutput>;

/** Options of {@link FakeExec}. */
export interface FakeExecOptions {
  /**
   * The plugins by name. A function handles every command; a fixed output is printed for
   * ADD (other commands print nothing).
   */
  readonly plugins: Readonly<Record<string, FakePlugin | FakeOutput>>;
  /** What the plugins answer to VERSION by default (all spec versions). */
  readonly supportedVersions?: readonly string[] | undefined;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function asObject(text: string): Record<string, unknown> | undefined {
  try {
    const value = decodeJson(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function toBytes(output: FakeOutput): Uint8Array {
  if (output === undefined) return new Uint8Array();
  if (typeof output === 'string') return encoder.encode(output);
  if (output instanceof Uint8Array) return output;
  return encoder.encode(encodeJson(output));
}

/**
 * An {@link Exec} that runs no process: plugins are functions (or fixed outputs) keyed by
 * name, and every run is recorded in `calls`. Lookup accepts exactly the plugins given,
 * with the real lookup errors otherwise. Each plugin has a file identity that only
 * {@link FakeExec.replace} changes, so a `CniConfig` keeps VERSION answers as it does
 * with real files.
 */
export class FakeExec implements Exec {
  /** Every run, in order. */
  readonly calls: FakeCall[] = [];
  readonly #options: FakeExecOptions;
  readonly #generations = new Map<string, number>();

  constructor(options: FakeExecOptions) {
    this.#options = options;
  }

  /** The runs as `"<COMMAND> <plugin>"`, handy for asserting the order. */
  commands(): string[] {
    return this.calls.map((call) => `${call.command} ${call.plugin}`);
  }

  async execPlugin(
    pluginPath: string,
    stdin: Uint8Array,
    env: Environment,
    options: ExecPluginOptions = {},
  ): Promise<Uint8Array> {
    if (options.signal?.aborted) {
      throw new CniError(
        CniErrorCode.Unknown,
        'netplugin failed with no error message: context canceled',
        {
          cause: options.signal.reason,
        },
      );
    }
    const plugin = pluginPath.slice(pluginPath.lastIndexOf('/') + 1);
    const fullEnv: Record<string, string> = {};
    for (const [key, value] of Object.entries(env)) if (value !== undefined) fullEnv[key] = value;
    const text = decoder.decode(stdin);
    const call: FakeCall = {
      plugin,
      pluginPath,
      command: fullEnv.CNI_COMMAND ?? '',
      env: fullEnv,
      stdin: text,
      config: asObject(text),
    };
    this.calls.push(call);
    const handler = this.#options.plugins[plugin];
    let output: FakeOutput;
    if (typeof handler === 'function') output = await handler(call);
    else if (call.command === 'ADD') output = handler;
    if (call.command === 'VERSION' && output === undefined) {
      output = stringifyVersionInfo(this.#options.supportedVersions ?? SUPPORTED_VERSIONS);
    }
    return toBytes(output);
  }

  async findInPath(plugin: string, paths: readonly string[]): Promise<string> {
    if (plugin === '') throw new PluginLookupError('no-name', plugin, paths);
    if (plugin.includes('/')) throw new PluginLookupError('invalid-name', plugin, paths);
    const first = paths[0];
    if (first === undefined) throw new PluginLookupError('no-paths', plugin, paths);
    if (!Object.hasOwn(this.#options.plugins, plugin)) {
      throw new PluginLookupError('not-found', plugin, paths);
    }
    return pathJoin(first, plugin);
  }

  decode(output: Uint8Array): VersionInfo {
    return parseVersionInfo(output);
  }

  /** The fake file identity: the path and how often the plugin was {@link replace}d. */
  async fileIdentity(pluginPath: string): Promise<string> {
    const plugin = pluginPath.slice(pluginPath.lastIndexOf('/') + 1);
    return `${pluginPath}#${this.#generations.get(plugin) ?? 0}`;
  }

  /**
   * Acts as if a new binary of `plugin` were installed: its file identity changes, so a
   * `CniConfig` asks it for VERSION again instead of using the answer it kept.
   */
  replace(plugin: string): void {
    this.#generations.set(plugin, (this.#generations.get(plugin) ?? 0) + 1);
  }
}

/**
 * A fake plugin that answers ADD with the prevResult it was given (or `fallback` when it
 * has none), as a chained plugin that changes nothing.
 */
export function passthrough(fallback?: object): FakePlugin {
  return (call) => {
    if (call.command !== 'ADD') return undefined;
    return (call.config?.prevResult as object | undefined) ?? fallback ?? {};
  };
}
