import { IntSchema, NetConfEntries } from '@cni-ts/spec-types';
import * as v from 'valibot';

/**
 * The sbr plugin's config (reference-plugins.md §2.3): `table` (a fixed table: only the
 * rules are made, the table's routes are the operator's), `gateways` (at most one IPv4 and
 * one IPv6 address, used for the default routes instead of the previous result's
 * gateways) and `addSourceHints` (keep the subnet routes in main, with the address as
 * source hint). Keys match as Go's encoding/json matches them; wrong types are code 7.
 */
export const SbrConfigSchema = v.looseObject({
  ...NetConfEntries,
  table: v.optional(IntSchema),
  gateways: v.optional(v.nullable(v.array(v.string()))),
  addSourceHints: v.optional(v.boolean()),
});

/** The sbr plugin's config as parsed. */
export type SbrConfig = v.InferOutput<typeof SbrConfigSchema>;

/** The first table id sbr considers when it picks tables itself. */
export const FIRST_TABLE_ID = 100;
