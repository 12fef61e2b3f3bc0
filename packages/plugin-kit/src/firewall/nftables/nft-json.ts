import { canonicalIp, type IpFamily } from '@cni-ts/spec-types';

// Reading `nft -j list …` output (libnftables JSON, schema version 1). Only what the
// masquerade backend needs is typed; each rule keeps its raw expression list.

/** A chain as `nft -j` lists it. */
export interface NftChain {
  readonly family: string;
  readonly table: string;
  readonly name: string;
  readonly handle: number;
  readonly type?: string;
  readonly hook?: string;
  readonly prio?: number;
}

/** A rule as `nft -j` lists it. */
export interface NftRule {
  readonly family: string;
  readonly table: string;
  readonly chain: string;
  readonly handle: number;
  readonly comment?: string;
  /** The statements, as nft printed them. */
  readonly expr: readonly unknown[];
}

/** The chains and rules of one `nft -j list` answer, in the order printed. */
export interface NftListing {
  readonly chains: readonly NftChain[];
  readonly rules: readonly NftRule[];
}

/** nft printed JSON the kit cannot read. */
export class NftJsonError extends Error {
  override readonly name = 'NftJsonError';
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(object: Json, key: string, where: string): string {
  const value = object[key];
  if (typeof value !== 'string') throw new NftJsonError(`${where}: "${key}" is not a string`);
  return value;
}

function integer(object: Json, key: string, where: string): number {
  const value = object[key];
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new NftJsonError(`${where}: "${key}" is not an integer`);
  }
  return value;
}

function optional<T>(value: unknown, guard: (v: unknown) => v is T): T | undefined {
  return guard(value) ? value : undefined;
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isNumber = (v: unknown): v is number => typeof v === 'number';

function decodeChain(object: Json): NftChain {
  const where = 'chain';
  const type = optional(object.type, isString);
  const hook = optional(object.hook, isString);
  const prio = optional(object.prio, isNumber);
  return {
    family: text(object, 'family', where),
    table: text(object, 'table', where),
    name: text(object, 'name', where),
    handle: integer(object, 'handle', where),
    ...(type === undefined ? {} : { type }),
    ...(hook === undefined ? {} : { hook }),
    ...(prio === undefined ? {} : { prio }),
  };
}

function decodeRule(object: Json): NftRule {
  const where = 'rule';
  const expr = object.expr ?? [];
  if (!Array.isArray(expr)) throw new NftJsonError('rule: "expr" is not a list');
  const comment = optional(object.comment, isString);
  return {
    family: text(object, 'family', where),
    table: text(object, 'table', where),
    chain: text(object, 'chain', where),
    handle: integer(object, 'handle', where),
    ...(comment === undefined ? {} : { comment }),
    expr,
  };
}

/** Decodes `nft -j list …` output. Throws NftJsonError for anything that is not such output. */
export function parseNftJson(output: string): NftListing {
  let root: unknown;
  try {
    root = JSON.parse(output);
  } catch (error) {
    throw new NftJsonError(`not JSON: ${String(error)}`);
  }
  const items = isObject(root) ? root.nftables : undefined;
  if (!Array.isArray(items)) throw new NftJsonError('no "nftables" list');
  const chains: NftChain[] = [];
  const rules: NftRule[] = [];
  for (const item of items) {
    if (!isObject(item)) throw new NftJsonError('an "nftables" entry is not an object');
    const meta = item.metainfo;
    if (
      isObject(meta) &&
      meta.json_schema_version !== undefined &&
      meta.json_schema_version !== 1
    ) {
      throw new NftJsonError(`unsupported json_schema_version ${String(meta.json_schema_version)}`);
    }
    if (isObject(item.chain)) chains.push(decodeChain(item.chain));
    if (isObject(item.rule)) rules.push(decodeRule(item.rule));
  }
  return { chains, rules };
}

/** The shape of a masquerade rule: `ip saddr == IP ip daddr != NET masquerade`. */
export interface MasqRuleShape {
  readonly family: IpFamily;
  /** Canonical text of the source address. */
  readonly source: string;
  /** Canonical "addr/len" of the excluded destination network. */
  readonly excluded: string;
}

function payloadField(match: Json): { protocol: string; field: string } | undefined {
  const left = match.left;
  const payload = isObject(left) ? left.payload : undefined;
  if (!isObject(payload)) return undefined;
  const { protocol, field } = payload;
  return isString(protocol) && isString(field) ? { protocol, field } : undefined;
}

function prefixText(right: unknown, family: IpFamily): string | undefined {
  if (isString(right)) {
    const ip = canonicalIp(right);
    return ip === undefined ? undefined : `${ip}/${family === 4 ? 32 : 128}`;
  }
  const prefix = isObject(right) ? right.prefix : undefined;
  if (!isObject(prefix) || !isString(prefix.addr) || !isNumber(prefix.len)) return undefined;
  const ip = canonicalIp(prefix.addr);
  return ip === undefined ? undefined : `${ip}/${prefix.len}`;
}

/** The masquerade shape of a rule, or undefined when the rule is something else. */
export function readMasqRule(rule: NftRule): MasqRuleShape | undefined {
  const [first, second, third, ...rest] = rule.expr;
  if (rest.length > 0 || !isObject(first) || !isObject(second) || !isObject(third))
    return undefined;
  if (!('masquerade' in third)) return undefined;
  const source = isObject(first.match) ? first.match : undefined;
  const destination = isObject(second.match) ? second.match : undefined;
  if (source === undefined || destination === undefined) return undefined;
  const from = payloadField(source);
  const to = payloadField(destination);
  if (from === undefined || to === undefined || from.protocol !== to.protocol) return undefined;
  if (from.field !== 'saddr' || to.field !== 'daddr') return undefined;
  if (source.op !== '==' || destination.op !== '!=') return undefined;
  const family: IpFamily | undefined =
    from.protocol === 'ip' ? 4 : from.protocol === 'ip6' ? 6 : undefined;
  if (family === undefined || !isString(source.right)) return undefined;
  const ip = canonicalIp(source.right);
  const excluded = prefixText(destination.right, family);
  if (ip === undefined || excluded === undefined) return undefined;
  return { family, source: ip, excluded };
}

/** True when the rule is `goto <target>` alone. */
export function isGotoRule(rule: NftRule, target: string): boolean {
  const [only, ...rest] = rule.expr;
  if (rest.length > 0 || !isObject(only) || !isObject(only.goto)) return false;
  return only.goto.target === target;
}
