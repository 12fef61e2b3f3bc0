import type {
  ConfigOf,
  ConfigSchema,
  HandlerName,
  InvokeInput,
  InvokeOutput,
  PluginHandlers,
  PluginOptions,
} from './definition.ts';
import { invokePlugin } from './invoke.ts';
import { assertPluginVersions } from './plugin-versions.ts';
import { runAsProcess } from './run-main.ts';

/** The handlers a definition has, with the types it gave them. */
export type DefinedHandlers<H> = { readonly [K in keyof H & HandlerName]: H[K] };

/** A plugin: its definition, its handlers (to call in tests), `invoke` and `main`. */
export type Plugin<S extends ConfigSchema, A extends string, H> = PluginOptions<S, A> &
  DefinedHandlers<H> & {
    /** One run with this environment and stdin; touches no process state. */
    invoke(input: InvokeInput): Promise<InvokeOutput>;
    /** Runs with process.env and the real stdin/stdout/stderr, then exits with the code. */
    main(): Promise<never>;
  };

/**
 * Defines a plugin: its name, the spec versions it speaks, its config schema, the CNI_ARGS
 * keys it understands and its handlers. Handlers get a typed context and return the
 * result (ADD) or nothing; the skel does the environment, stdin, version gates, output and
 * errors exactly as upstream's skel does.
 */
export function definePlugin<
  S extends ConfigSchema,
  const A extends string = never,
  H extends PluginHandlers<ConfigOf<S>, A> = PluginHandlers<ConfigOf<S>, A>,
>(definition: PluginOptions<S, A> & H): Plugin<S, A, H> {
  assertPluginVersions(definition.name, definition.versions);
  const invoke = (input: InvokeInput) => invokePlugin<S, A>(definition, input);
  return {
    ...definition,
    invoke,
    main: () => runAsProcess(invoke),
  };
}
