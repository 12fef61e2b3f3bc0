// Upstream refuses a config whose `sysctl` object names a key twice (encoding/json would
// keep the last silently). The decoded config has lost the duplicates, so this reads the
// raw text: a small scanner over JSON that the decoder has already accepted.
import { CniError, CniErrorCode, goQuote } from '@cni-ts/spec-types';

const WHITESPACE = /\s/;

class Scanner {
  pos = 0;
  constructor(readonly text: string) {}

  peek(): string {
    while (WHITESPACE.test(this.text.charAt(this.pos))) this.pos++;
    return this.text.charAt(this.pos);
  }

  /** Reads a string literal at the cursor and returns its decoded value. */
  string(): string {
    const start = this.pos;
    this.pos++;
    while (this.pos < this.text.length) {
      const char = this.text.charAt(this.pos);
      if (char === '\\') this.pos += 2;
      else if (char === '"') break;
      else this.pos++;
    }
    this.pos++;
    return JSON.parse(this.text.slice(start, this.pos)) as string;
  }

  /** Skips any value at the cursor. */
  skipValue(): void {
    const first = this.peek();
    if (first === '"') {
      this.string();
      return;
    }
    if (first !== '{' && first !== '[') {
      while (this.pos < this.text.length && !/[\s,\]}]/.test(this.text.charAt(this.pos)))
        this.pos++;
      return;
    }
    let depth = 0;
    do {
      const char = this.text.charAt(this.pos);
      if (char === '"') {
        this.string();
        continue;
      }
      if (char === '{' || char === '[') depth++;
      else if (char === '}' || char === ']') depth--;
      this.pos++;
    } while (depth > 0 && this.pos < this.text.length);
  }

  /** Calls `member` for each key of the object at the cursor, with the cursor on its value. */
  members(member: (key: string) => void): void {
    this.pos++; // {
    while (this.peek() !== '}' && this.pos < this.text.length) {
      const key = this.string();
      this.peek();
      this.pos++; // :
      this.peek();
      const before = this.pos;
      member(key);
      if (this.pos === before) this.skipValue();
      if (this.peek() === ',') this.pos++;
    }
    this.pos++; // }
  }
}

/**
 * The keys named more than once across the config's `sysctl` objects (its key matched
 * case-insensitively, as encoding/json matches it; a repeated `sysctl` key counts too, as
 * upstream's check remembers every key it decoded).
 */
export function duplicateSysctlKeys(text: string): string[] {
  const scanner = new Scanner(text);
  if (scanner.peek() !== '{') return [];
  const seen = new Set<string>();
  const duplicates: string[] = [];
  scanner.members((key) => {
    if (key.toLowerCase() !== 'sysctl' || scanner.peek() !== '{') return;
    scanner.members((name) => {
      if (seen.has(name)) duplicates.push(name);
      seen.add(name);
    });
  });
  return duplicates;
}

/** Refuses duplicated `sysctl` keys: `duplicated sysctl keys are not allowed: "<key>"` (999). */
export function checkDuplicateSysctlKeys(text: string): void {
  const [first] = duplicateSysctlKeys(text);
  if (first === undefined) return;
  throw new CniError(
    CniErrorCode.Internal,
    `duplicated sysctl keys are not allowed: ${goQuote(first)}`,
  );
}
