import {
  decodeTypedAttributes,
  encodeTypedAttributes,
  type UnknownAttribute,
} from '../../_attribute-table.ts';
import { TC_CONTEXT } from '../_values.ts';
import type { OptionsCodec } from '../options-codec.ts';

/** The TCA_OPTIONS of a clsact qdisc: empty, as for ingress; anything else is kept raw. */
export interface ClsactOptions {
  readonly kind: 'clsact';
  readonly attributes: readonly UnknownAttribute[];
}

/** The clsact codec (sch_ingress, `tc qdisc add dev X clsact`). */
export const clsactOptions: OptionsCodec<ClsactOptions> = {
  encode: (options) => encodeTypedAttributes({}, options.attributes, TC_CONTEXT),
  decode: (bytes, path) => ({
    kind: 'clsact',
    attributes: decodeTypedAttributes({}, bytes, TC_CONTEXT, path),
  }),
};
