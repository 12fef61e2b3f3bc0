import {
  type DelegateOptions,
  delegateAdd,
  delegateCheck,
  delegateDel,
  delegateGc,
  delegateStatus,
  type Exec,
} from '@cni-ts/libcni';
import { convertResult, isResult100, type Result100 } from '@cni-ts/spec-types';
import type { PluginContext } from '../skel/context.ts';
import { InProcessExec, type PluginResolver } from './in-process-exec.ts';

/** What IPAM delegation reads from a handler's context. */
export type IpamContext = Pick<PluginContext<unknown>, 'env' | 'path' | 'stdin'>;

export interface IpamOptions {
  /**
   * The plugins this executable contains, by type. When the IPAM binary found on CNI_PATH
   * is this executable and the resolver knows the type, the plugin runs in process.
   */
  readonly resolve?: PluginResolver;
  /** How to find and run the IPAM plugin (default libcni's DefaultExec; tests pass a fake). */
  readonly exec?: Exec;
  readonly signal?: AbortSignal;
}

function delegateOptions(ctx: IpamContext, options: IpamOptions): DelegateOptions {
  const exec =
    options.resolve === undefined
      ? options.exec
      : new InProcessExec({
          resolve: options.resolve,
          ...(options.exec === undefined ? {} : { exec: options.exec }),
        });
  return {
    // The plugin's own environment, with CNI_PATH as the context has it.
    env: { ...ctx.env, CNI_PATH: ctx.path.join(':') },
    ...(exec === undefined ? {} : { exec }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  };
}

/**
 * Runs the IPAM plugin `ipamType` with ADD, as upstream's ipam.ExecAdd: found on the
 * context's CNI_PATH, given the plugin's own environment (CNI_COMMAND=ADD) and the same
 * stdin (the full network config). Resolves to its result converted to 1.1.0. A failing
 * IPAM plugin's CniError passes through unchanged.
 */
export async function ipamAdd(
  ctx: IpamContext,
  ipamType: string,
  options: IpamOptions = {},
): Promise<Result100> {
  const result = convertResult(
    await delegateAdd(ipamType, ctx.stdin, delegateOptions(ctx, options)),
    '1.1.0',
  );
  if (!isResult100(result)) throw new TypeError('convertResult did not give a 1.x result');
  return result;
}

/** Runs the IPAM plugin with CHECK (upstream's ipam.ExecCheck); see ipamAdd. */
export async function ipamCheck(
  ctx: IpamContext,
  ipamType: string,
  options: IpamOptions = {},
): Promise<void> {
  await delegateCheck(ipamType, ctx.stdin, delegateOptions(ctx, options));
}

/** Runs the IPAM plugin with DEL (upstream's ipam.ExecDel); see ipamAdd. */
export async function ipamDel(
  ctx: IpamContext,
  ipamType: string,
  options: IpamOptions = {},
): Promise<void> {
  await delegateDel(ipamType, ctx.stdin, delegateOptions(ctx, options));
}

/** Runs the IPAM plugin with STATUS (upstream's ipam.ExecStatus); see ipamAdd. */
export async function ipamStatus(
  ctx: IpamContext,
  ipamType: string,
  options: IpamOptions = {},
): Promise<void> {
  await delegateStatus(ipamType, ctx.stdin, delegateOptions(ctx, options));
}

/** Runs the IPAM plugin with GC (the stdin carries the valid attachments); see ipamAdd. */
export async function ipamGc(
  ctx: IpamContext,
  ipamType: string,
  options: IpamOptions = {},
): Promise<void> {
  await delegateGc(ipamType, ctx.stdin, delegateOptions(ctx, options));
}
