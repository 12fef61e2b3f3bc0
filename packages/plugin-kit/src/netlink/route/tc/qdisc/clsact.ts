import type { UnknownAttribute } from '../../_attribute-table.ts';
import { decodeTcAttributes, encodeTcAttributes } from '../_tc-attributes.ts';
import type { OptionsCodec } from '../options-codec.ts';

/** The TCA_OPTIONS of a clsact qdisc: empty, as for ingress; anything else is kept raw. */
export interface ClsactOptions {
  readonly kind: 'clsact';
  readonly attributes: readonly UnknownAttribute[];
}

/** The clsact codec (sch_ingress, `tc qdisc add dev X clsact`). */
export const clsactOptions: OptionsCodec<ClsactOptions> = {
  encode: (options) => encodeTcAttributes({}, options.attributes),
  decode: (bytes, path) => ({ kind: 'clsact', attributes: decodeTcAttributes({}, bytes, path) }),
};
