import type { UnknownAttribute } from '../../_attribute-table.ts';
import { decodeTcAttributes, encodeTcAttributes } from '../_tc-attributes.ts';
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
  encode: (options) => encodeTcAttributes({}, options.attributes),
  decode: (bytes, path) => ({ kind: 'ingress', attributes: decodeTcAttributes({}, bytes, path) }),
};
