import type { GcAttachment, Result100 } from '@cni-ts/spec-types';
import type { GcContext, HandlerCommand, PluginContext, TypedCniArgs } from '../skel/context.ts';
import type { EnvRecord } from '../skel/env.ts';
import { type Logger, silentLogger } from '../skel/logger.ts';

/** What a test sets in a hand-built context; everything but `config` has a default. */
export interface ContextOptions<C, A extends string = string> {
  readonly config: C;
  readonly command?: HandlerCommand;
  readonly containerId?: string;
  readonly netns?: string;
  readonly ifName?: string;
  readonly args?: string;
  readonly cniArgs?: TypedCniArgs<A>;
  readonly path?: readonly string[];
  readonly netnsOverride?: boolean;
  readonly stdin?: Uint8Array;
  readonly cniVersion?: string;
  readonly prevResult?: Result100;
  readonly log?: Logger;
  readonly env?: EnvRecord;
}

function configVersion(config: unknown): string | undefined {
  if (typeof config !== 'object' || config === null || !('cniVersion' in config)) return undefined;
  return typeof config.cniVersion === 'string' && config.cniVersion !== ''
    ? config.cniVersion
    : undefined;
}

/**
 * A handler context built by hand, for calling `plugin.add(ctx)` and the other handlers
 * in process. Defaults: ADD of container `test-container`, interface `eth0` in
 * `/var/run/netns/test`, CNI_PATH `/opt/cni/bin`, the config's cniVersion (else 1.1.0),
 * stdin = the config as JSON, a silent logger, and an env matching these values.
 */
export function contextFor<C, A extends string = string>(
  options: ContextOptions<C, A>,
): PluginContext<C, A> {
  const command = options.command ?? 'ADD';
  const containerId = options.containerId ?? 'test-container';
  const netns = options.netns ?? '/var/run/netns/test';
  const ifName = options.ifName ?? 'eth0';
  const args = options.args ?? '';
  const path = options.path ?? ['/opt/cni/bin'];
  const netnsOverride = options.netnsOverride ?? false;
  return {
    command,
    containerId,
    netns,
    ifName,
    args,
    cniArgs: options.cniArgs ?? ({} as TypedCniArgs<A>),
    path,
    netnsOverride,
    stdin: options.stdin ?? new TextEncoder().encode(JSON.stringify(options.config)),
    config: options.config,
    cniVersion: options.cniVersion ?? configVersion(options.config) ?? '1.1.0',
    ...(options.prevResult ? { prevResult: options.prevResult } : {}),
    log: options.log ?? silentLogger,
    env: options.env ?? {
      CNI_COMMAND: command,
      CNI_CONTAINERID: containerId,
      CNI_NETNS: netns,
      CNI_IFNAME: ifName,
      CNI_ARGS: args,
      CNI_PATH: path.join(':'),
      ...(netnsOverride ? { CNI_NETNS_OVERRIDE: '1' } : {}),
    },
  };
}

/** A GC context built by hand: as {@link contextFor}, with the still-valid attachments. */
export function gcContextFor<C, A extends string = string>(
  options: ContextOptions<C, A> & { readonly validAttachments?: readonly GcAttachment[] },
): GcContext<C, A> {
  const base = contextFor({
    containerId: '',
    netns: '',
    ifName: '',
    ...options,
    command: 'GC',
  });
  return { ...base, validAttachments: options.validAttachments ?? [] };
}
