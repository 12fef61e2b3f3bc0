import { CniError, CniErrorCode, goQuote, isCniError } from '@cni-ts/spec-types';

/** The operation a plugin failed in, as upstream words it in its messages. */
export type PluginVerb = 'add' | 'check' | 'delete' | 'gc' | 'status';

/** Which plugin failed: its `type` and, when its config object has one, its `name`. */
export interface PluginIdentity {
  readonly type: string;
  readonly name?: string | undefined;
}

/** Upstream's `type="T" name="N"` description of a plugin (name only when set). */
export function describePlugin(plugin: PluginIdentity): string {
  const type = `type=${goQuote(plugin.type)}`;
  return plugin.name ? `${type} name=${goQuote(plugin.name)}` : type;
}

function messageFor(verb: PluginVerb, plugin: PluginIdentity, text: string): string {
  // GC keeps upstream's wording; the other verbs use upstream's ADD/DEL wording.
  if (verb === 'gc') return `failed to GC plugin ${plugin.type}: ${text}`;
  return `plugin ${describePlugin(plugin)} failed (${verb}): ${text}`;
}

/**
 * A plugin failed while libcni ran it. It is a {@link CniError} carrying the plugin's own
 * `code`, `msg` and `details` (so `toJSON()` is the error object the plugin printed, and
 * STATUS codes 50/51 survive), plus which plugin and verb failed. `message` reads like
 * upstream's: `plugin type="bridge" name="n" failed (add): <plugin message>`.
 *
 * When the failure was not the plugin's error object (the binary was missing, could not
 * be started, printed garbage), `code` is 0 and `msg` is the text of that failure. The
 * original error is `cause`. Its `name` stays "CniError", so that `isCniError` also
 * recognizes it across copies of spec-types; test for it with {@link isPluginError}.
 */
export class PluginError extends CniError {
  readonly pluginType: string;
  readonly pluginName: string | undefined;
  readonly verb: PluginVerb;

  constructor(verb: PluginVerb, plugin: PluginIdentity, error: unknown) {
    const inner = isCniError(error) ? error : undefined;
    const text = error instanceof Error ? error.message : String(error);
    super(inner?.code ?? CniErrorCode.Unknown, inner?.msg ?? text, {
      ...(inner?.details ? { details: inner.details } : {}),
      cause: error,
    });
    this.message = messageFor(verb, plugin, text);
    this.pluginType = plugin.type;
    this.pluginName = plugin.name || undefined;
    this.verb = verb;
  }
}

/** True for a {@link PluginError}. */
export function isPluginError(value: unknown): value is PluginError {
  return value instanceof PluginError;
}
