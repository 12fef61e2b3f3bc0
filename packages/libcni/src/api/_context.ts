import { versionAtLeast } from '@cni-ts/spec-types';
import type { ResultCache } from '../cache/result-cache.ts';
import type { PluginConfig } from '../conf/types.ts';
import type { PluginIdentity } from '../errors/plugin-error.ts';
import { type PluginArgs, pluginEnv } from '../invoke/args.ts';
import type { Environment, Exec } from '../invoke/exec.ts';
import type { VersionCache } from './_version-cache.ts';
import type { OperationOptions, RuntimeConf } from './runtime-conf.ts';

export type { OperationOptions };

/**
 * What the operations share: the plugin path, the exec, the result cache, the plugins'
 * VERSION answers and where warnings go.
 */
export interface OperationContext {
  readonly path: readonly string[];
  readonly exec: Exec;
  readonly cache: ResultCache;
  /** VERSION answers by plugin file, checked against the file's identity (see VersionCache). */
  readonly versions: VersionCache;
  /** The environment plugins inherit; undefined means `process.env` at the time of the call. */
  readonly env: Environment | undefined;
  readonly warn: (message: string) => void;
}

/** The plugin's type and (if its object has one) name, for error messages. */
export function identify(plugin: PluginConfig): PluginIdentity {
  return { type: plugin.network.type, name: plugin.network.name };
}

/** The environment of a plugin run for an attachment (ADD, CHECK, DEL). */
export function attachmentEnv(
  ctx: OperationContext,
  command: string,
  runtime: RuntimeConf,
): Record<string, string> {
  const args: PluginArgs = {
    command,
    containerId: runtime.containerId,
    netns: runtime.netns,
    ifName: runtime.ifName,
    pluginArgs: runtime.args,
    path: ctx.path.join(':'),
  };
  return pluginEnv(args, ctx.env);
}

/** The environment of a run without an attachment (GC, STATUS): the other variables empty. */
export function networkEnv(ctx: OperationContext, command: string): Record<string, string> {
  return pluginEnv({ command, path: ctx.path.join(':') }, ctx.env);
}

/** The message of any thrown value. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** `versionAtLeast`, with an unparsable version counting as too old (GC and STATUS gates). */
export function versionAtLeastOrFalse(version: string, minimum: string): boolean {
  try {
    return versionAtLeast(version, minimum);
  } catch {
    return false;
  }
}
