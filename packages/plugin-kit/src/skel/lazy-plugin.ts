import { type SpecVersion, stringifyVersionInfo } from '@cni-ts/spec-types';
import type {
  ConfigOf,
  ConfigSchema,
  InvokeInput,
  InvokeOutput,
  PluginArgs,
  PluginHandlers,
  Prefetch,
} from './definition.ts';
import { readCniEnv } from './env.ts';
import { assertPluginVersions } from './plugin-versions.ts';
import { runAsProcess } from './run-main.ts';

/** What a lazily loaded plugin module provides: the config schema, CNI_ARGS keys, handlers. */
export type PluginBody<S extends ConfigSchema, A extends string> = {
  readonly config: S;
  readonly args?: PluginArgs<A>;
  readonly prefetch?: Prefetch;
} & PluginHandlers<ConfigOf<S>, A>;

/** A plugin whose schema and handlers are loaded on first use. */
export interface LazyPluginDefinition<S extends ConfigSchema, A extends string> {
  readonly name: string;
  /** Printed (with the versions) when the plugin is run by hand without CNI_COMMAND. */
  readonly about?: string;
  /** The spec versions the plugin speaks; VERSION is answered from these alone. */
  readonly versions: readonly SpecVersion[];
  /** Loads the rest, typically `() => import('./plugin.ts')`. Called at most once. */
  load(): Promise<PluginBody<S, A>>;
}

/** A lazily defined plugin: `invoke` and `main` as a `definePlugin` result has them. */
export interface LazyPlugin<S extends ConfigSchema = ConfigSchema, A extends string = string> {
  readonly name: string;
  readonly about?: string;
  readonly versions: readonly SpecVersion[];
  /** The body (config schema, CNI_ARGS keys, handlers), loaded once, e.g. to check configs. */
  load(): Promise<PluginBody<S, A>>;
  invoke(input: InvokeInput): Promise<InvokeOutput>;
  main(): Promise<never>;
}

/** The VERSION answer when the environment asks for it and is valid; else undefined. */
function versionAnswer(
  input: InvokeInput,
  versions: readonly SpecVersion[],
): InvokeOutput | undefined {
  try {
    if (readCniEnv(input.env).command !== 'VERSION') return undefined;
  } catch {
    return undefined; // the full skel reports the environment's fault
  }
  return { exitCode: 0, stdout: stringifyVersionInfo(versions), stderr: '' };
}

/**
 * Defines a plugin whose config schema and handlers live in a module loaded on first use,
 * so that a process that only answers VERSION, or runs another plugin of the same
 * executable, never evaluates them. Behaves exactly as `definePlugin` with the same parts:
 * VERSION is answered from `versions` before anything is loaded; everything else loads
 * the body and goes through the full skel.
 */
export function defineLazyPlugin<S extends ConfigSchema, const A extends string = never>(
  definition: LazyPluginDefinition<S, A>,
): LazyPlugin<S, A> {
  const { name, about, versions } = definition;
  assertPluginVersions(name, versions);
  let body: Promise<PluginBody<S, A>> | undefined;
  const load = () => {
    body ??= definition.load();
    return body;
  };
  let loading: Promise<(input: InvokeInput) => Promise<InvokeOutput>> | undefined;
  const full = async () => {
    // One after the other: loading modules is work on this thread either way, and
    // Promise.all's first call costs an exec about 80 µs.
    const body = await load();
    const skel = await import('./invoke.ts');
    const whole = { name, versions, ...(about === undefined ? {} : { about }), ...body };
    return (input: InvokeInput) => skel.invokePlugin<S, A>(whole, input);
  };
  const invoke = async (input: InvokeInput): Promise<InvokeOutput> => {
    const answer = versionAnswer(input, versions);
    if (answer !== undefined) return answer;
    loading ??= full();
    return (await loading)(input);
  };
  return {
    name,
    ...(about === undefined ? {} : { about }),
    versions,
    load,
    invoke,
    main: () => runAsProcess(invoke),
  };
}
