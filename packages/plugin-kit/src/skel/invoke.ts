import {
  CniError,
  CniErrorCode,
  type GcKeys,
  isCniError,
  stringifyVersionInfo,
  validAttachments,
} from '@cni-ts/spec-types';
import { aboutText } from './about.ts';
import type { HandlerCommand } from './context.ts';
import type { ConfigSchema, InvokeInput, InvokeOutput, PluginDefinition } from './definition.ts';
import { type CniEnv, isDebugEnv, readCniEnv } from './env.ts';
import { checkVersionGates } from './gates.ts';
import { createHandlerContext, type Invocation } from './handler-context.ts';
import type { LogSink } from './logger.ts';
import { checkNetConf, configVersion } from './netconf-check.ts';
import { formatError, formatResult, toCniError } from './output.ts';
import { readStdin } from './stdin.ts';

const HANDLER_COMMANDS: readonly string[] = ['ADD', 'DEL', 'CHECK', 'GC', 'STATUS'];

function isHandlerCommand(command: string): command is HandlerCommand {
  return HANDLER_COMMANDS.includes(command);
}

/** Calls the handler for `command`; returns what goes to stdout. */
async function dispatch<S extends ConfigSchema, A extends string>(
  definition: PluginDefinition<S, A>,
  command: HandlerCommand,
  run: Invocation,
): Promise<string> {
  const { add, del, check, gc, status } = definition;
  switch (command) {
    case 'ADD': {
      if (!add) return '';
      const result = await add(createHandlerContext(definition, command, run));
      if (typeof result !== 'object' || result === null) {
        throw new CniError(CniErrorCode.Internal, 'ADD handler returned no result');
      }
      return formatResult(result, run.cniVersion);
    }
    case 'GC': {
      if (!gc) return '';
      const ctx = createHandlerContext(definition, command, run);
      await gc({ ...ctx, validAttachments: validAttachments(ctx.config as GcKeys) });
      return '';
    }
    default: {
      const handler = { DEL: del, CHECK: check, STATUS: status }[command];
      if (handler) await handler(createHandlerContext(definition, command, run));
      return '';
    }
  }
}

/** The plugin's prefetch for this run, started now; a throw counts as no prefetch. */
function startPrefetch<S extends ConfigSchema, A extends string>(
  definition: PluginDefinition<S, A>,
  command: HandlerCommand,
  raw: Readonly<Record<string, unknown>>,
): Promise<unknown> | undefined {
  if (definition.prefetch === undefined) return undefined;
  let started: Promise<unknown> | undefined;
  try {
    started = definition.prefetch(command, raw);
  } catch {
    return undefined;
  }
  // Handed on settled the same way for either outcome: a rejection is no answer.
  return started?.catch(() => undefined);
}

/** Everything from the environment to the handler's output; throws on failure. */
async function execute<S extends ConfigSchema, A extends string>(
  definition: PluginDefinition<S, A>,
  input: InvokeInput,
  sink: LogSink,
  debug: boolean,
): Promise<string> {
  let env: CniEnv;
  try {
    env = readCniEnv(input.env);
  } catch (error) {
    // Run by hand (no CNI_COMMAND): say what the plugin is instead of failing.
    const byHand =
      (input.env.CNI_COMMAND ?? '') === '' &&
      isCniError(error) &&
      error.code === CniErrorCode.InvalidEnvironmentVariables;
    if (!byHand || !definition.about) throw error;
    sink(aboutText(definition.about, definition.versions));
    return '';
  }
  if (env.command === 'VERSION') return stringifyVersionInfo(definition.versions);
  const stdin = await readStdin(input.stdin);
  const conf = checkNetConf(stdin);
  const { command } = env;
  if (!isHandlerCommand(command)) {
    throw new CniError(
      CniErrorCode.InvalidEnvironmentVariables,
      `unknown CNI_COMMAND: ${env.command}`,
    );
  }
  const cniVersion = configVersion(conf);
  checkVersionGates(command, cniVersion, definition.versions);
  const prefetched = startPrefetch(definition, command, conf.raw);
  const run = { env, input, stdin, conf, cniVersion, sink, debug, prefetched };
  try {
    return await dispatch(definition, command, run);
  } finally {
    await prefetched; // never rejects (startPrefetch); nothing it started outlives the run
  }
}

/**
 * Runs a plugin once, as upstream's skel would with this environment and stdin, without
 * touching the process: no process.env, no stdout. Failures come back as the error object
 * on stdout and exit code 1; a stack trace goes to stderr only when CNI_TS_DEBUG is set.
 */
export async function invokePlugin<S extends ConfigSchema, A extends string>(
  definition: PluginDefinition<S, A>,
  input: InvokeInput,
): Promise<InvokeOutput> {
  let stderr = '';
  const sink: LogSink = (text) => {
    stderr += text;
    input.stderr?.(text);
  };
  const debug = isDebugEnv(input.env);
  try {
    const stdout = await execute(definition, input, sink, debug);
    return { exitCode: 0, stdout, stderr };
  } catch (thrown) {
    const error = toCniError(thrown);
    if (debug && thrown instanceof Error && thrown.stack) sink(`${thrown.stack}\n`);
    return { exitCode: 1, stdout: formatError(error), stderr };
  }
}
