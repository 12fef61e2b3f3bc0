// What each plugin reads on stdin, derived from its config's JSON as upstream's
// buildOneConfig does: keys in Go map order, the prevResult in Go struct order unless a
// runtimeConfig was injected (upstream then re-encodes everything as a map).

import {
  type GcAttachment,
  LEGACY_ATTACHMENTS_KEY,
  type Result,
  resultToJson,
  VALID_ATTACHMENTS_KEY,
} from '@cni-ts/spec-types';
import { decodeObject, goMarshal } from '../conf/_marshal.ts';
import { buildRuntimeConfig } from '../conf/runtime-config.ts';
import type { PluginConfig } from '../conf/types.ts';
import type { RuntimeConf } from './runtime-conf.ts';

function setKey(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    writable: true,
    enumerable: true,
    configurable: true,
  });
}

/** Every object in a JSON tree. */
function objectsOf(value: unknown, into: Set<object> = new Set()): Set<object> {
  if (typeof value !== 'object' || value === null) return into;
  into.add(value);
  for (const child of Object.values(value)) objectsOf(child, into);
  return into;
}

/** The stdin of an ADD, CHECK or DEL: the config with `name`, `cniVersion`, `prevResult` and `runtimeConfig` set. */
export function attachmentStdin(
  network: string,
  cniVersion: string,
  plugin: PluginConfig,
  prevResult: Result | undefined,
  runtime: RuntimeConf,
): Uint8Array {
  const raw = decodeObject(plugin.bytes, 'network config');
  setKey(raw, 'name', network);
  setKey(raw, 'cniVersion', cniVersion);
  let structs = new Set<object>();
  if (prevResult !== undefined) {
    const json = resultToJson(prevResult);
    structs = objectsOf(json);
    setKey(raw, 'prevResult', json);
  }
  const runtimeConfig = buildRuntimeConfig(plugin.network.capabilities, runtime.capabilityArgs);
  if (runtimeConfig !== undefined) {
    setKey(raw, 'runtimeConfig', runtimeConfig);
    return goMarshal(raw);
  }
  return goMarshal(raw, (object) => structs.has(object));
}

/** The stdin of a STATUS (and, with `attachments`, of a GC). */
export function networkStdin(
  network: string,
  cniVersion: string,
  plugin: PluginConfig,
  attachments?: { readonly valid: readonly GcAttachment[] | undefined },
): Uint8Array {
  const raw = decodeObject(plugin.bytes, 'network config');
  setKey(raw, 'name', network);
  setKey(raw, 'cniVersion', cniVersion);
  if (attachments !== undefined) {
    const list =
      attachments.valid?.map(({ containerID, ifname }) => ({ containerID, ifname })) ?? null;
    setKey(raw, VALID_ATTACHMENTS_KEY, list);
    setKey(raw, LEGACY_ATTACHMENTS_KEY, list);
  }
  return goMarshal(raw);
}
