import type { parseNetConf, Result, SpecVersion } from '@cni-ts/spec-types';
import type { GcContext, HandlerCommand, PluginContext } from './context.ts';
import type { EnvRecord } from './env.ts';
import type { LogSink } from './logger.ts';
import type { StdinSource } from './stdin.ts';

/** A valibot schema for a plugin's config (one extending NetConfSchema or PluginConfSchema). */
export type ConfigSchema = NonNullable<Parameters<typeof parseNetConf>[1]>;

/** The config type a schema produces. */
export type ConfigOf<S extends ConfigSchema> = ReturnType<typeof parseNetConf<S>>;

/** Something a handler may return directly or as a promise. */
export type MaybePromise<T> = T | Promise<T>;

/** ADD: does the work and returns the result (any version; the skel prints it at the config's). */
export type AddHandler<C, A extends string = string> = (
  ctx: PluginContext<C, A>,
) => MaybePromise<Result>;

/** DEL, CHECK and STATUS: succeed by returning, fail by throwing. */
export type VoidHandler<C, A extends string = string> = (
  ctx: PluginContext<C, A>,
) => MaybePromise<void>;

/** GC: gets the still-valid attachments in its context. */
export type GcHandler<C, A extends string = string> = (ctx: GcContext<C, A>) => MaybePromise<void>;

/** The handlers of a plugin. A missing one succeeds with no output once the version gates pass. */
export interface PluginHandlers<C, A extends string = string> {
  add?: AddHandler<C, A>;
  del?: VoidHandler<C, A>;
  check?: VoidHandler<C, A>;
  gc?: GcHandler<C, A>;
  status?: VoidHandler<C, A>;
}

/** The handler names. */
export type HandlerName = keyof PluginHandlers<unknown>;

/** The CNI_ARGS keys a plugin understands (matched case-sensitively, as upstream). */
export interface PluginArgs<A extends string> {
  readonly known: readonly A[];
  /** Accept unknown keys even without `IgnoreUnknown=1` in CNI_ARGS. */
  readonly ignoreUnknown?: boolean;
}

/** What a plugin is made of, apart from its handlers. */
export interface PluginOptions<S extends ConfigSchema, A extends string> {
  readonly name: string;
  /** Printed (with the versions) when the plugin is run by hand without CNI_COMMAND. */
  readonly about?: string;
  /** The spec versions the plugin speaks; a config must name one of them exactly. */
  readonly versions: readonly SpecVersion[];
  /** The config schema; it should spread NetConfEntries so the standard keys are typed. */
  readonly config: S;
  /** CNI_ARGS keys; only a plugin that declares them gets CNI_ARGS parsed (strictly). */
  readonly args?: PluginArgs<A>;
  /** Read-only work started before the config is checked; see {@link Prefetch}. */
  readonly prefetch?: Prefetch;
}

/**
 * Started once the config decodes, before the skel checks it, with the command and the
 * decoded JSON as it came: work that changes nothing (listing a table) and whose answer a
 * handler may use, so that it runs while the config and prevResult are checked. The
 * promise reaches the handler as `ctx.prefetched`, which never rejects: a throw or a
 * rejection is handed on as undefined. It also runs for a config that the checks then refuse, so it may start nothing
 * that needs undoing; the run ends only after it has settled, so no process it started
 * outlives the plugin.
 */
export type Prefetch = (
  command: HandlerCommand,
  raw: Readonly<Record<string, unknown>>,
) => Promise<unknown> | undefined;

/** A whole plugin definition. */
export type PluginDefinition<S extends ConfigSchema, A extends string = string> = PluginOptions<
  S,
  A
> &
  PluginHandlers<ConfigOf<S>, A>;

/** One run of a plugin: the environment and stdin it gets. */
export interface InvokeInput {
  readonly env: EnvRecord;
  readonly stdin: StdinSource;
  /** Receives stderr text as it is written (logs), besides collecting it in the output. */
  readonly stderr?: LogSink;
}

/** What a run produced. */
export interface InvokeOutput {
  readonly exitCode: 0 | 1;
  /** The result (ADD), the VERSION answer, an error object, or nothing. */
  readonly stdout: string;
  /** Log lines, the about text, a stack trace in debug mode. */
  readonly stderr: string;
}
