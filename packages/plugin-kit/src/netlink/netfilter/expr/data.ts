import {
  decodeAttributes,
  indexAttributes,
  nla,
  type RawAttribute,
  read,
} from '../../codec/attributes.ts';
import { DecodeError } from '../../codec/decode-error.ts';
import { bei32, nest, readBei32, required } from '../_attr.ts';
import { NF_VERDICT, NFTA_DATA, NFTA_VERDICT } from '../constants.ts';

/** A verdict: where a rule sends the packet. jump and goto name a chain of the same table. */
export type NftVerdict =
  | { readonly code: 'accept' | 'drop' | 'continue' | 'break' | 'return' }
  | { readonly code: 'jump' | 'goto'; readonly chain: string };

/** What NFTA_*_DATA carries: raw register bytes or a verdict. */
export type NftData = { readonly value: Uint8Array } | { readonly verdict: NftVerdict };

const CODES = {
  accept: NF_VERDICT.ACCEPT,
  drop: NF_VERDICT.DROP,
  continue: NF_VERDICT.CONTINUE,
  break: NF_VERDICT.BREAK,
  return: NF_VERDICT.RETURN,
  jump: NF_VERDICT.JUMP,
  goto: NF_VERDICT.GOTO,
} as const;

type VerdictName = keyof typeof CODES;

function nameOfCode(code: number, path: readonly string[]): VerdictName {
  for (const [name, value] of Object.entries(CODES)) {
    if (value === code) return name as VerdictName;
  }
  throw new DecodeError(path, `unknown verdict code ${code}`);
}

/** The NFTA_DATA nest (inside `type`, e.g. NFTA_CMP_DATA) for a value or a verdict. */
export function encodeData(type: number, data: NftData): Uint8Array {
  if ('value' in data) return nest(type, [nla.bytes(NFTA_DATA.VALUE, data.value)]);
  const { verdict } = data;
  const inner = [bei32(NFTA_VERDICT.CODE, CODES[verdict.code])];
  if ('chain' in verdict) inner.push(nla.string(NFTA_VERDICT.CHAIN, verdict.chain));
  return nest(type, [nest(NFTA_DATA.VERDICT, inner)]);
}

export function decodeData(attribute: RawAttribute, path: readonly string[]): NftData {
  const map = indexAttributes(decodeAttributes(attribute.value, path));
  const value = map.get(NFTA_DATA.VALUE);
  if (value !== undefined) return { value: read.bytes(value) };
  const verdictPath = [...path, 'NFTA_DATA_VERDICT'];
  const nested = required(map, NFTA_DATA.VERDICT, verdictPath);
  const verdict = indexAttributes(decodeAttributes(nested.value, verdictPath));
  const code = nameOfCode(
    readBei32(required(verdict, NFTA_VERDICT.CODE, verdictPath), verdictPath),
    verdictPath,
  );
  if (code === 'jump' || code === 'goto') {
    return {
      verdict: { code, chain: read.string(required(verdict, NFTA_VERDICT.CHAIN, verdictPath)) },
    };
  }
  return { verdict: { code } };
}
