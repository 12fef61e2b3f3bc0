// Seeded random JSON for the property tests of the decoder and encoder.

/** Deterministic PRNG (mulberry32), so property tests are reproducible. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What the random values are made of. */
export interface RandomJsonOptions {
  /** Strings are 0-7 picks from these. */
  readonly chars: readonly string[];
  /** Numbers come from here. */
  readonly number: () => number;
}

/** A generator of random JSON values (nesting stops at depth 5). */
export function randomJson(rand: () => number, options: RandomJsonOptions): () => unknown {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
  const randomString = (): string => {
    let s = '';
    for (let k = Math.floor(rand() * 8); k > 0; k--) s += pick(options.chars);
    return s;
  };
  const value = (depth: number): unknown => {
    const kind = Math.floor(rand() * (depth > 4 ? 5 : 7));
    if (kind === 0) return null;
    if (kind === 1) return rand() < 0.5;
    if (kind === 2 || kind === 3) return options.number();
    if (kind === 4) return randomString();
    if (kind === 5) return Array.from({ length: Math.floor(rand() * 5) }, () => value(depth + 1));
    const obj: Record<string, unknown> = {};
    for (let k = Math.floor(rand() * 5); k > 0; k--) obj[randomString()] = value(depth + 1);
    return obj;
  };
  return () => value(0);
}
