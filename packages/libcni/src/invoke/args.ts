import { formatCniArgs } from '@cni-ts/spec-types';
import type { Environment } from './exec.ts';

/** The protocol parameters of one plugin run: upstream's `invoke.Args`. */
export interface PluginArgs {
  /** CNI_COMMAND. */
  readonly command: string;
  /** CNI_CONTAINERID. */
  readonly containerId?: string | undefined;
  /** CNI_NETNS. */
  readonly netns?: string | undefined;
  /** CNI_IFNAME. */
  readonly ifName?: string | undefined;
  /** CNI_ARGS as pairs, joined `K=V;K2=V2`. */
  readonly pluginArgs?: readonly (readonly [string, string])[] | undefined;
  /** CNI_ARGS preformatted; wins over `pluginArgs` when non-empty. */
  readonly pluginArgsStr?: string | undefined;
  /** CNI_PATH, already joined with ':'. */
  readonly path?: string | undefined;
}

function copyEnv(base: Environment): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(base)) {
    if (value !== undefined) env[key] = value;
  }
  return env;
}

/**
 * A plugin's environment, as upstream's `Args.AsEnv()`: the caller's environment
 * (`base`, default `process.env`) plus the six CNI variables, always all set (possibly to
 * ""), the later value winning over an inherited one.
 */
export function pluginEnv(
  args: PluginArgs,
  base: Environment = process.env,
): Record<string, string> {
  const env = copyEnv(base);
  env.CNI_COMMAND = args.command;
  env.CNI_CONTAINERID = args.containerId ?? '';
  env.CNI_NETNS = args.netns ?? '';
  env.CNI_ARGS = args.pluginArgsStr || formatCniArgs(args.pluginArgs ?? []);
  env.CNI_IFNAME = args.ifName ?? '';
  env.CNI_PATH = args.path ?? '';
  return env;
}

/**
 * A delegate's environment, as upstream's `DelegateArgs.AsEnv()`: everything inherited
 * from `base` (default `process.env`), with only CNI_COMMAND replaced.
 */
export function delegateEnv(
  command: string,
  base: Environment = process.env,
): Record<string, string> {
  const env = copyEnv(base);
  env.CNI_COMMAND = command;
  return env;
}
