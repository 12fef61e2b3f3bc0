import {
  CniError,
  CniErrorCode,
  goField,
  isCniError,
  parseCniArgs,
  parseNetConf,
} from '@cni-ts/spec-types';
import type { HandlerCommand, PluginContext, TypedCniArgs } from './context.ts';
import type {
  ConfigOf,
  ConfigSchema,
  InvokeInput,
  PluginArgs,
  PluginDefinition,
} from './definition.ts';
import { prevResultForDel } from './del-prev-result.ts';
import { type CniEnv, isNetnsOverride, splitCniPath } from './env.ts';
import { createLogger, type LogSink } from './logger.ts';
import type { CheckedNetConf } from './netconf-check.ts';
import { assertNotOwnNetns } from './netns-check.ts';
import { parsePrevResult } from './prev-result.ts';

/** The commands that work on an attachment, where CNI_NETNS must not be the plugin's own. */
const NETNS_COMMANDS: readonly HandlerCommand[] = ['ADD', 'CHECK', 'DEL'];

/** One run of a plugin, once the environment, stdin and version gates have been checked. */
export interface Invocation {
  readonly env: CniEnv;
  readonly input: InvokeInput;
  readonly stdin: Uint8Array;
  readonly conf: CheckedNetConf;
  readonly cniVersion: string;
  readonly sink: LogSink;
  readonly debug: boolean;
  /** What the plugin's prefetch started (see PluginOptions.prefetch). */
  readonly prefetched?: Promise<unknown> | undefined;
}

/**
 * CNI_ARGS parsed strictly with the plugin's keys (none when it declares none). Upstream's plugins call LoadArgs
 * themselves and return its error as a plain error, which skel prints as code 999; so does
 * this (parseCniArgs' own code is 4).
 */
function pluginCniArgs<A extends string>(
  args: string,
  options: PluginArgs<A> | undefined,
): TypedCniArgs<A> {
  try {
    // parseCniArgs keeps only the declared keys, so the record is keyed by A; a plugin
    // that declares none does not parse CNI_ARGS at all.
    return (options === undefined ? {} : parseCniArgs(args, options)) as TypedCniArgs<A>;
  } catch (error) {
    if (!isCniError(error)) throw error;
    throw new CniError(CniErrorCode.Internal, error.msg, { cause: error });
  }
}

/**
 * The context for a handler: parses the config with the plugin's schema (code 6/7), the
 * prevResult (converted to 1.1.0; for DEL one that does not parse is dropped with a
 * warning, see prevResultForDel) and CNI_ARGS (only with declared keys, strictly), and
 * refuses the plugin's own netns for ADD, CHECK and DEL (code 8) unless overridden.
 */
export function createHandlerContext<S extends ConfigSchema, A extends string>(
  definition: PluginDefinition<S, A>,
  command: HandlerCommand,
  run: Invocation,
): PluginContext<ConfigOf<S>, A> {
  const { env, conf } = run;
  const log = createLogger(definition.name, run.sink, run.debug);
  const forDel = command === 'DEL' ? prevResultForDel(conf.raw, run.cniVersion, log) : undefined;
  const config = parseNetConf(forDel?.raw ?? conf.raw, definition.config);
  const prevResult =
    forDel === undefined
      ? parsePrevResult(goField(conf.raw, 'prevResult'), run.cniVersion)
      : forDel.prevResult;
  const cniArgs = pluginCniArgs(env.args, definition.args);
  const netnsOverride = isNetnsOverride(env.netnsOverride);
  if (NETNS_COMMANDS.includes(command) && !netnsOverride) assertNotOwnNetns(env.netns);
  return {
    command,
    containerId: env.containerId,
    netns: env.netns,
    ifName: env.ifName,
    args: env.args,
    cniArgs,
    path: splitCniPath(env.path),
    netnsOverride,
    stdin: run.stdin,
    config,
    cniVersion: run.cniVersion,
    ...(prevResult ? { prevResult } : {}),
    log,
    env: run.input.env,
    ...(run.prefetched === undefined ? {} : { prefetched: run.prefetched }),
  };
}
