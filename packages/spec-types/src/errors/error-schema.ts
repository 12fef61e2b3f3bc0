import * as v from 'valibot';
import { UintSchema } from '../schema/primitives.ts';

/**
 * The error object a failing plugin prints on stdout (`CniErrorJson`): a non-negative
 * integer `code`, a short `msg`, and optional `details` and `cniVersion`.
 */
export const CniErrorJsonSchema = /* @__PURE__ */ v.object({
  cniVersion: v.optional(v.string()),
  code: UintSchema,
  msg: v.string(),
  details: v.optional(v.string()),
});
