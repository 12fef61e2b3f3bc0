// The two WHATWG globals spec-types uses. Both exist in Node (>= 11) and Bun; the
// package's own tsconfig has no runtime types, so they are declared here.
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean });
  decode(input?: Uint8Array): string;
}
