import { goQuote, goStringList } from '@cni-ts/spec-types';

/** Why a plugin binary could not be looked up. */
export type PluginLookupReason = 'no-name' | 'invalid-name' | 'no-paths' | 'not-found';

function messageFor(reason: PluginLookupReason, plugin: string, paths: readonly string[]): string {
  switch (reason) {
    case 'no-name':
      return 'no plugin name provided';
    case 'invalid-name':
      return `invalid plugin name: ${plugin}`;
    case 'no-paths':
      return 'no paths provided';
    case 'not-found':
      return `failed to find plugin ${goQuote(plugin)} in path ${goStringList(paths)}`;
  }
}

/** A plugin binary was not found on the plugin path; the messages are upstream's FindInPath texts. */
export class PluginLookupError extends Error {
  override readonly name = 'PluginLookupError';
  readonly reason: PluginLookupReason;
  readonly plugin: string;
  readonly paths: readonly string[];

  constructor(reason: PluginLookupReason, plugin: string, paths: readonly string[]) {
    super(messageFor(reason, plugin, paths));
    this.reason = reason;
    this.plugin = plugin;
    this.paths = paths;
  }
}

/** True for a {@link PluginLookupError}. */
export function isPluginLookupError(value: unknown): value is PluginLookupError {
  return value instanceof PluginLookupError;
}

/** True when a plugin binary is missing: a lookup error, also inside a {@link PluginError}. */
export function isPluginNotFound(value: unknown): boolean {
  if (value instanceof PluginLookupError) return value.reason === 'not-found';
  return value instanceof Error && value.cause !== undefined && isPluginNotFound(value.cause);
}
