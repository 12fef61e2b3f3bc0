// The original link attributes, saved at ADD and restored at DEL, in upstream's file:
// <dataDir>/<containerID>_<ifName>.json, mode 0600, JSON indented by one space, keys in
// the order mac, promisc, mtu, allmulti, txQLen, each only when ADD changes it. The same
// file, so that a container ADDed by the Go tuning is restored by ours and the other way.
import {
  isFsError,
  mkdirp,
  pathExists,
  readTextFile,
  removeFileForce,
  writeFile,
} from '@cni-ts/plugin-kit';
import { decodeJson, IntSchema, pathDirname, validate } from '@cni-ts/spec-types';
import * as v from 'valibot';

/** The attributes a backup holds; absent ones were not changed (`mtu` 0 and `mac` "" too). */
export const SavedAttributesSchema = v.looseObject({
  mac: v.optional(v.string()),
  promisc: v.optional(v.boolean()),
  mtu: v.optional(IntSchema),
  allmulti: v.optional(v.boolean()),
  txQLen: v.optional(IntSchema),
});

/** The original attributes of the interface. */
export type SavedAttributes = v.InferOutput<typeof SavedAttributesSchema>;

/** The file's text, byte for byte what upstream writes (MarshalIndent, one space, no newline). */
export function formatBackup(saved: SavedAttributes): string {
  const ordered = {
    ...(saved.mac === undefined || saved.mac === '' ? {} : { mac: saved.mac }),
    ...(saved.promisc === undefined ? {} : { promisc: saved.promisc }),
    ...(saved.mtu === undefined || saved.mtu === 0 ? {} : { mtu: saved.mtu }),
    ...(saved.allmulti === undefined ? {} : { allmulti: saved.allmulti }),
    ...(saved.txQLen === undefined ? {} : { txQLen: saved.txQLen }),
  };
  return JSON.stringify(ordered, null, 1);
}

/** Writes the backup (creating the directory 0600 as upstream does); returns its path. */
export function writeBackup(file: string, saved: SavedAttributes): void {
  const dir = pathDirname(file);
  if (!pathExists(dir)) mkdirp(dir, 0o600);
  writeFile(file, formatBackup(saved), { mode: 0o600 });
}

/** What reading a backup found. */
export type BackupRead =
  | { readonly kind: 'missing' }
  | { readonly kind: 'unreadable'; readonly reason: string }
  | { readonly kind: 'saved'; readonly saved: SavedAttributes };

/** Reads a backup (keys matched case-insensitively, as Go's json.Unmarshal does). */
export function readBackup(file: string): BackupRead {
  let text: string;
  try {
    text = readTextFile(file);
  } catch (error) {
    if (isFsError(error) && error.code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'unreadable', reason: error instanceof Error ? error.message : String(error) };
  }
  try {
    return { kind: 'saved', saved: validate(SavedAttributesSchema, decodeJson(text)) };
  } catch (error) {
    return { kind: 'unreadable', reason: error instanceof Error ? error.message : String(error) };
  }
}

/** Removes a backup; a missing one is fine. */
export function removeBackup(file: string): void {
  removeFileForce(file);
}
