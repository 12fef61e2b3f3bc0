import * as v from 'valibot';
import { IpOrCidrSchema } from '../schema/primitives.ts';

/** One label of `args.cni.labels`. */
export const LabelSchema = /* @__PURE__ */ v.looseObject({ key: v.string(), value: v.string() });

/**
 * The `args` key of a plugin config. The `cni` namespace is the spec's convention
 * (`ips`, `labels`); other namespaces pass through.
 */
export const ArgsSchema = /* @__PURE__ */ v.looseObject({
  cni: v.optional(
    v.looseObject({
      ips: v.optional(v.array(IpOrCidrSchema)),
      labels: v.optional(v.array(LabelSchema)),
    }),
  ),
});

/** The `args` key of a plugin config. */
export type Args = v.InferOutput<typeof ArgsSchema>;
