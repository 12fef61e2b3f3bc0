// Test helpers: ranges and range sets from text.
import { parseCidr } from '@cni-ts/spec-types';
import { type IpValue, parseIpValue } from './ip-value.ts';
import { canonicalizeRange, type Range, type RangeInput } from './range.ts';
import { canonicalizeRangeSet, type RangeSet } from './range-set.ts';

/** A range as a config writes it. */
export interface RangeSpec {
  readonly subnet?: string;
  readonly rangeStart?: string;
  readonly rangeEnd?: string;
  readonly gateway?: string;
}

/** An address that must parse. */
export function ip(text: string): IpValue {
  const value = parseIpValue(text);
  if (value === undefined) throw new Error(`test address ${text} does not parse`);
  return value;
}

/** The RangeInput of a spec. */
export function rangeInput(spec: RangeSpec): RangeInput {
  return {
    subnet: spec.subnet === undefined ? undefined : parseCidr(spec.subnet),
    rangeStart: spec.rangeStart === undefined ? undefined : ip(spec.rangeStart),
    rangeEnd: spec.rangeEnd === undefined ? undefined : ip(spec.rangeEnd),
    gateway: spec.gateway === undefined ? undefined : ip(spec.gateway),
  };
}

/** A checked range. */
export function range(spec: RangeSpec): Range {
  return canonicalizeRange(rangeInput(spec));
}

/** A checked range set. */
export function rangeSet(...specs: RangeSpec[]): RangeSet {
  return canonicalizeRangeSet(specs.map(rangeInput));
}
