import { type OpaqueOptions, type OptionsCodec, opaqueOptions } from '../options-codec.ts';
import { type MirredOptions, mirredOptions } from './mirred.ts';

/** The action kinds whose options are decoded, by TCA_ACT_KIND. */
export interface ActionOptionsByKind {
  readonly mirred: MirredOptions;
}

export type ActionKind = keyof ActionOptionsByKind;

/** An action's TCA_ACT_OPTIONS: typed for the kinds above, bytes for every other kind. */
export type ActionOptions = ActionOptionsByKind[ActionKind] | OpaqueOptions;

/** The action kind codecs, a static map (no registration). */
export const ACTION_KINDS: { readonly [K in ActionKind]: OptionsCodec<ActionOptionsByKind[K]> } = {
  mirred: mirredOptions,
};

export function isActionKind(kind: string): kind is ActionKind {
  return Object.hasOwn(ACTION_KINDS, kind);
}

function encodeKnown<K extends ActionKind>(
  options: ActionOptionsByKind[K] & { kind: K },
): Uint8Array {
  const codec: OptionsCodec<ActionOptionsByKind[K]> = ACTION_KINDS[options.kind];
  return codec.encode(options);
}

/** The TCA_ACT_OPTIONS value for `options`, by their kind. */
export function encodeActionOptions(options: ActionOptions): Uint8Array {
  return options.kind === 'opaque' ? opaqueOptions.encode(options) : encodeKnown(options);
}

/** Decodes a TCA_ACT_OPTIONS value for an action of `kind`; unknown kinds stay bytes. */
export function decodeActionOptions(
  kind: string | undefined,
  bytes: Uint8Array,
  path: readonly string[],
): ActionOptions {
  if (kind !== undefined && isActionKind(kind)) return ACTION_KINDS[kind].decode(bytes, path);
  return opaqueOptions.decode(bytes, path);
}
