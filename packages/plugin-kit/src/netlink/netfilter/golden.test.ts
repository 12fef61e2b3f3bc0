import { describe, expect, test } from 'bun:test';
import { readFileSync } from 'node:fs';
import { NFT_MSG, nftMessageType } from './constants.ts';
import { CAPTURED, setLookupBatch } from './fixtures/batches.ts';
import { batchOf, hex, parseMnlDebug } from './fixtures/mnl-debug.ts';
import { decodeRule } from './rule.ts';

// Goldens: the batches nft 1.0.6 sent for fixtures/<name>.nft, as `nft --debug=mnl -f`
// printed them (fixtures/<name>.mnl.txt, captured in a throwaway namespace), against the
// same objects built with the layer. Type and payload must match byte for byte.

function captured(name: string) {
  return batchOf(
    parseMnlDebug(readFileSync(`${import.meta.dir}/fixtures/${name}.mnl.txt`, 'utf8')),
  );
}

describe('nf_tables batches are the bytes nft sends', () => {
  for (const [name, build] of Object.entries(CAPTURED)) {
    test(name, () => {
      const ours = build().messages.map((message) => ({
        type: message.type,
        payload: hex(message.payload),
      }));
      const theirs = captured(name).map((message) => ({
        type: message.type,
        payload: hex(message.payload),
      }));
      expect(ours).toEqual(theirs);
    });
  }

  test('every captured rule decodes and encodes back to the same bytes', () => {
    for (const name of Object.keys(CAPTURED)) {
      for (const message of captured(name)) {
        if (message.type !== nftMessageType(NFT_MSG.NEWRULE)) continue;
        // A captured NEWRULE has no handle; give it one so that it decodes as a listed rule.
        const rule = decodeRule(withHandle(message.payload));
        expect(rule.exprs.length).toBeGreaterThan(0);
        expect(rule.exprs.some((expr) => expr.kind === 'raw')).toBe(false);
      }
    }
  });

  test('captured set lookups and verdict map lookups decode to the expressions built', () => {
    const built = setLookupBatch().messages.filter(
      (message) => message.type === nftMessageType(NFT_MSG.NEWRULE),
    );
    const decoded = captured('set-lookup')
      .filter((message) => message.type === nftMessageType(NFT_MSG.NEWRULE))
      .map((message) => decodeRule(withHandle(message.payload)).exprs);
    expect(decoded).toEqual(built.map((message) => decodeRule(withHandle(message.payload)).exprs));
    expect(decoded.map((exprs) => exprs.find((expr) => expr.kind === 'lookup'))).toEqual([
      { kind: 'lookup', set: 'allowed', sreg: 1, setId: 1 },
      { kind: 'lookup', set: 'allowed', sreg: 1, setId: 1, flags: 1 },
      { kind: 'lookup', set: 'ports', sreg: 1, dreg: 0, setId: 2 },
    ]);
  });
});

function withHandle(payload: Uint8Array): Uint8Array {
  const handle = Uint8Array.of(12, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 9);
  const out = new Uint8Array(payload.length + handle.length);
  out.set(payload);
  out.set(handle, payload.length);
  return out;
}
