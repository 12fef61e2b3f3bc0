import * as v from 'valibot';

/** One attachment named in a GC request: `{ containerID, ifname }`. */
export const GcAttachmentSchema = /* @__PURE__ */ v.looseObject({
  containerID: v.string(),
  ifname: v.string(),
});

/** One attachment named in a GC request. */
export type GcAttachment = v.InferOutput<typeof GcAttachmentSchema>;

/** The key libcni adds to each plugin's config on GC: the attachments still valid. */
export const VALID_ATTACHMENTS_KEY = 'cni.dev/valid-attachments';

/** The same list under the key the 1.1.0 tag spelled; libcni sends both. */
export const LEGACY_ATTACHMENTS_KEY = 'cni.dev/attachments';

/** The GC keys of a plugin config. */
export interface GcKeys {
  readonly [VALID_ATTACHMENTS_KEY]?: readonly GcAttachment[] | undefined;
  readonly [LEGACY_ATTACHMENTS_KEY]?: readonly GcAttachment[] | undefined;
}

/**
 * The valid attachments of a GC request: `cni.dev/valid-attachments`, falling back to
 * `cni.dev/attachments`; an empty list when neither is set.
 */
export function validAttachments(conf: GcKeys): readonly GcAttachment[] {
  return conf[VALID_ATTACHMENTS_KEY] ?? conf[LEGACY_ATTACHMENTS_KEY] ?? [];
}
