import type { Result } from '@cni-ts/spec-types';
import { toBytes } from '../conf/_marshal.ts';
import { delegateEnv } from '../invoke/args.ts';
import { DefaultExec } from '../invoke/default-exec.ts';
import type { Environment, Exec } from '../invoke/exec.ts';
import { execPluginWithoutResult, execPluginWithResult } from '../invoke/exec-plugin.ts';
import { splitPath } from '../invoke/find-in-path.ts';

/** Options of the delegate helpers. */
export interface DelegateOptions {
  /** How to find and run the delegate; default a {@link DefaultExec}. */
  readonly exec?: Exec | undefined;
  /**
   * The calling plugin's environment; default `process.env`. CNI_PATH is read from it and
   * the delegate inherits all of it, with CNI_COMMAND replaced.
   */
  readonly env?: Environment | undefined;
  readonly signal?: AbortSignal | undefined;
}

/** A delegate run: found on the caller's CNI_PATH, with its environment and CNI_COMMAND set. */
interface DelegateRun {
  readonly exec: Exec;
  readonly pluginPath: string;
  readonly stdin: Uint8Array;
  readonly env: Record<string, string>;
  readonly options: { readonly signal: AbortSignal | undefined };
}

async function prepare(
  command: string,
  pluginType: string,
  netconf: string | Uint8Array,
  options: DelegateOptions,
): Promise<DelegateRun> {
  const exec = options.exec ?? new DefaultExec();
  const base = options.env ?? process.env;
  const pluginPath = await exec.findInPath(pluginType, splitPath(base.CNI_PATH));
  return {
    exec,
    pluginPath,
    stdin: toBytes(netconf),
    env: delegateEnv(command, base),
    options: { signal: options.signal },
  };
}

async function runWithoutResult(
  command: string,
  pluginType: string,
  netconf: string | Uint8Array,
  options: DelegateOptions,
): Promise<void> {
  const run = await prepare(command, pluginType, netconf, options);
  await execPluginWithoutResult(run.exec, run.pluginPath, run.stdin, run.env, run.options);
}

/**
 * Runs a delegate plugin (typically IPAM) with ADD, as upstream's DelegateAdd: found on
 * the caller's CNI_PATH, given the caller's environment with CNI_COMMAND=ADD and
 * `netconf` on stdin. Resolves to its result (version fixup applied).
 */
export async function delegateAdd(
  pluginType: string,
  netconf: string | Uint8Array,
  options: DelegateOptions = {},
): Promise<Result> {
  const run = await prepare('ADD', pluginType, netconf, options);
  return execPluginWithResult(run.exec, run.pluginPath, run.stdin, run.env, run.options);
}

/** Runs a delegate plugin with CHECK (see {@link delegateAdd}). */
export async function delegateCheck(
  pluginType: string,
  netconf: string | Uint8Array,
  options: DelegateOptions = {},
): Promise<void> {
  await runWithoutResult('CHECK', pluginType, netconf, options);
}

/** Runs a delegate plugin with DEL (see {@link delegateAdd}). */
export async function delegateDel(
  pluginType: string,
  netconf: string | Uint8Array,
  options: DelegateOptions = {},
): Promise<void> {
  await runWithoutResult('DEL', pluginType, netconf, options);
}

/** Runs a delegate plugin with STATUS (see {@link delegateAdd}). */
export async function delegateStatus(
  pluginType: string,
  netconf: string | Uint8Array,
  options: DelegateOptions = {},
): Promise<void> {
  await runWithoutResult('STATUS', pluginType, netconf, options);
}

/** Runs a delegate plugin with GC (see {@link delegateAdd}). */
export async function delegateGc(
  pluginType: string,
  netconf: string | Uint8Array,
  options: DelegateOptions = {},
): Promise<void> {
  await runWithoutResult('GC', pluginType, netconf, options);
}
