// The plugin's config: the standard NetConf keys plus its own, as a valibot schema.
import { NetConfEntries } from '@cni-ts/spec-types';
import * as v from 'valibot';

/** `{network}`, `{containerId}` and `{ifName}` are filled in; the kernel keeps 255 bytes. */
export const DEFAULT_TEMPLATE = 'cni:{network}:{containerId}';

export const LinkAliasConfigSchema = v.object({
  ...NetConfEntries,
  template: v.optional(v.pipe(v.string(), v.maxLength(255)), DEFAULT_TEMPLATE),
});

export type LinkAliasConfig = v.InferOutput<typeof LinkAliasConfigSchema>;
