import {
  decodeTypedAttributes,
  encodeTypedAttributes,
  type UnknownAttribute,
} from '../../_attribute-table.ts';
import { TC_CONTEXT } from '../_values.ts';
import type { OptionsCodec } from '../options-codec.ts';

/**
 * The TCA_OPTIONS of an ingress qdisc: empty (the kernel dumps an empty nest; tc sends none,
 * vishvananda/netlink an empty one). Whatever a newer kernel puts there is kept raw.
 */
export interface IngressOptions {
  readonly kind: 'ingress';
  readonly attributes: readonly UnknownAttribute[];
}

/** The ingress codec (sch_ingress, `tc qdisc add dev X handle ffff: ingress`). */
export const ingressOptions: OptionsCodec<IngressOptions> = {
  encode: (options) => encodeTypedAttributes({}, options.attributes, TC_CONTEXT),
  decode: (bytes, path) => ({
    kind: 'ingress',
    attributes: decodeTypedAttributes({}, bytes, TC_CONTEXT, path),
  }),
};
