import type { GcAttachment, Result100 } from '@cni-ts/spec-types';
import type { EnvRecord } from './env.ts';
import type { Logger } from './logger.ts';

/** The commands that reach a handler. */
export type HandlerCommand = 'ADD' | 'DEL' | 'CHECK' | 'GC' | 'STATUS';

/** CNI_ARGS as parsed for a plugin that declares the keys `A`. */
export type TypedCniArgs<A extends string> = Readonly<Partial<Record<A, string>>>;

/**
 * What a handler gets: the protocol variables, the config typed by the plugin's schema
 * (`C`), the previous result in 1.1.0 shape and CNI_ARGS typed by the plugin's keys (`A`).
 */
export interface PluginContext<C, A extends string = string> {
  readonly command: HandlerCommand;
  /** CNI_CONTAINERID ("" for GC and STATUS). */
  readonly containerId: string;
  /** CNI_NETNS ("" when not given, as DEL, GC and STATUS may). */
  readonly netns: string;
  /** CNI_IFNAME. */
  readonly ifName: string;
  /** CNI_ARGS, the raw string. */
  readonly args: string;
  /** CNI_ARGS parsed with the plugin's declared keys; empty when it declares none. */
  readonly cniArgs: TypedCniArgs<A>;
  /** CNI_PATH split on ':'. */
  readonly path: readonly string[];
  /** CNI_NETNS_OVERRIDE is 1/true: the netns check was skipped. */
  readonly netnsOverride: boolean;
  /** stdin as received. */
  readonly stdin: Uint8Array;
  /** The config, parsed and typed by the plugin's schema. */
  readonly config: C;
  /** The config's version ("0.1.0" when it names none); ADD's result is printed at it. */
  readonly cniVersion: string;
  /** The config's prevResult, parsed in the config's version family and converted to 1.1.0. */
  readonly prevResult?: Result100 | undefined;
  readonly log: Logger;
  /** The environment the plugin was started with. */
  readonly env: EnvRecord;
  /** What the plugin's `prefetch` started for this run (see Prefetch), if it has one. */
  readonly prefetched?: Promise<unknown> | undefined;
}

/** A GC handler's context: also the attachments that are still valid. */
export interface GcContext<C, A extends string = string> extends PluginContext<C, A> {
  /** `cni.dev/valid-attachments` (or the 1.1.0 tag's `cni.dev/attachments`); [] when unset. */
  readonly validAttachments: readonly GcAttachment[];
}
