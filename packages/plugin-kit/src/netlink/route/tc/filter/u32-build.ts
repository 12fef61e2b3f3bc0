import { numberActions } from '../action/list.ts';
import { mirredActionLikeTc } from '../action/mirred-build.ts';
import { TC_U32 } from '../constants.ts';
import type { U32FilterSpec } from '../types.ts';
import type { U32Attribute, U32Key, U32Options } from './u32.ts';

/** `match u32 0 0`: one key with mask 0, which every packet matches. */
export const MATCH_ALL_KEY: U32Key = { mask: 0, value: 0, off: 0, offmask: 0 };

/**
 * The u32 options tc sends (iproute2 tc/f_u32.c) for `u32 match … [flowid C] [action …]`:
 * TCA_U32_CLASSID, TCA_U32_ACT, then TCA_U32_SEL last, with TC_U32_TERMINAL set when there
 * is a flowid or an action.
 */
export function u32OptionsLikeTc(
  spec: Pick<U32FilterSpec, 'classid' | 'keys' | 'actions'>,
): U32Options {
  const actions = spec.actions ?? [];
  const terminal = spec.classid !== undefined || actions.length > 0;
  const attributes: U32Attribute[] = [];
  if (spec.classid !== undefined) attributes.push({ kind: 'TCA_U32_CLASSID', value: spec.classid });
  if (actions.length > 0) {
    attributes.push({
      kind: 'TCA_U32_ACT',
      value: numberActions(actions.map((action) => mirredActionLikeTc(action))),
    });
  }
  attributes.push({
    kind: 'TCA_U32_SEL',
    value: {
      flags: terminal ? TC_U32.TERMINAL : 0,
      offshift: 0,
      offmask: 0,
      off: 0,
      offoff: 0,
      hoff: 0,
      hmask: 0,
      keys: spec.keys ?? [MATCH_ALL_KEY],
    },
  });
  return { kind: 'u32', attributes };
}
