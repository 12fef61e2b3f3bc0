import { decodeJson, encodeJson, type Result, resultToJson } from '@cni-ts/spec-types';
import type { ArgPairs } from '../api/runtime-conf.ts';
import { sortKeysDeep } from '../go/_map-order.ts';
import { CNI_CACHE_V1 } from './constants.ts';

/** A cache file's content: upstream's `cachedInfo`. */
export interface CacheRecord {
  readonly kind: string;
  readonly containerId: string;
  /** The network config bytes (base64 in the file). */
  readonly config: Uint8Array;
  readonly ifName: string;
  readonly networkName: string;
  readonly netns: string;
  readonly cniArgs: ArgPairs | undefined;
  readonly capabilityArgs: Readonly<Record<string, unknown>> | undefined;
  /** The cached result as a JSON object. */
  readonly result: Readonly<Record<string, unknown>> | undefined;
}

/** What a cache file records for one attachment. */
export interface CacheEntry {
  readonly containerId: string;
  readonly config: Uint8Array;
  readonly ifName: string;
  readonly networkName: string;
  readonly netns?: string | undefined;
  readonly cniArgs?: ArgPairs | undefined;
  readonly capabilityArgs?: Readonly<Record<string, unknown>> | undefined;
  readonly result?: Result | undefined;
}

function nonEmpty<T extends object>(value: T | undefined): T | undefined {
  return value !== undefined && Object.keys(value).length > 0 ? value : undefined;
}

/**
 * The cache file bytes upstream's libcni writes for `entry`: its field order, `config` in
 * base64, `netns`, `cniArgs`, `capabilityArgs` and `result` only when non-empty, maps
 * with sorted keys, compact, no trailing newline.
 */
export function encodeCacheRecord(entry: CacheEntry): string {
  return encodeJson({
    kind: CNI_CACHE_V1,
    containerId: entry.containerId,
    config: Buffer.from(entry.config).toString('base64'),
    ifName: entry.ifName,
    networkName: entry.networkName,
    netns: entry.netns || undefined,
    cniArgs: entry.cniArgs && entry.cniArgs.length > 0 ? entry.cniArgs : undefined,
    capabilityArgs: sortKeysDeep(nonEmpty(entry.capabilityArgs)),
    result: entry.result === undefined ? undefined : sortKeysDeep(resultToJson(entry.result)),
  });
}

function kindOf(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'object' : typeof value;
}

function typeError(value: unknown, field: string, goType: string): Error {
  return new Error(
    `json: cannot unmarshal ${kindOf(value)} into Go struct field cachedInfo.${field} of type ${goType}`,
  );
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Go's base64.StdEncoding: padding required, CR and LF ignored. */
function decodeBase64(text: string): Uint8Array {
  const clean = text.replace(/[\r\n]/g, '');
  if (!BASE64.test(clean)) {
    const bad = clean.search(/[^A-Za-z0-9+/=]/);
    throw new Error(`illegal base64 data at input byte ${bad >= 0 ? bad : clean.length}`);
  }
  return new Uint8Array(Buffer.from(clean, 'base64'));
}

function readPairs(value: unknown): ArgPairs {
  if (!Array.isArray(value)) throw typeError(value, 'cniArgs', '[][2]string');
  return value.map((pair: unknown) => {
    if (!Array.isArray(pair)) throw typeError(pair, 'cniArgs', '[2]string');
    const key: unknown = pair[0] ?? '';
    const val: unknown = pair[1] ?? '';
    if (typeof key !== 'string' || typeof val !== 'string') {
      throw typeError(typeof key !== 'string' ? key : val, 'cniArgs', 'string');
    }
    return [key, val] as const;
  });
}

function readMap(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw typeError(value, field, 'map[string]interface {}');
  }
  return value as Record<string, unknown>;
}

const STRING_FIELDS = new Map([
  ['kind', 'kind'],
  ['containerid', 'containerId'],
  ['ifname', 'ifName'],
  ['networkname', 'networkName'],
  ['netns', 'netns'],
]);

/**
 * Reads a cache file as Go's json.Unmarshal into upstream's `cachedInfo` would: keys in
 * any case, the last duplicate winning, `null` leaving a field unset, unknown keys
 * ignored. Throws an Error with Go's message when Go would fail. The `kind` is not
 * checked here.
 */
export function decodeCacheRecord(text: string): CacheRecord {
  const value = decodeJson(text);
  const strings: Record<string, string> = {};
  let config: Uint8Array = new Uint8Array();
  let cniArgs: ArgPairs | undefined;
  let capabilityArgs: Record<string, unknown> | undefined;
  let result: Record<string, unknown> | undefined;
  if (value !== null) {
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw new Error(
        `json: cannot unmarshal ${kindOf(value)} into Go value of type libcni.cachedInfo`,
      );
    }
    for (const [key, field] of Object.entries(value)) {
      if (field === null) continue;
      const name = key.toLowerCase();
      const stringField = STRING_FIELDS.get(name);
      if (stringField !== undefined) {
        if (typeof field !== 'string') throw typeError(field, stringField, 'string');
        strings[stringField] = field;
      } else if (name === 'config') {
        if (typeof field !== 'string') throw typeError(field, 'config', '[]uint8');
        config = decodeBase64(field);
      } else if (name === 'cniargs') {
        cniArgs = readPairs(field);
      } else if (name === 'capabilityargs') {
        capabilityArgs = readMap(field, 'capabilityArgs');
      } else if (name === 'result') {
        result = readMap(field, 'result');
      }
    }
  }
  return {
    kind: strings.kind ?? '',
    containerId: strings.containerId ?? '',
    config,
    ifName: strings.ifName ?? '',
    networkName: strings.networkName ?? '',
    netns: strings.netns ?? '',
    cniArgs,
    capabilityArgs,
    result,
  };
}
