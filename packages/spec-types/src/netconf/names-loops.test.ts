import { describe, expect, test } from 'bun:test';
import { isValidNetworkName, NAME_PATTERN, validateInterfaceName } from './names.ts';

// The loops in names.ts stand in for a regular expression and a TextEncoder: they must give
// the same answers on every code unit.

/** The interface-name check as first written: a TextEncoder and a regular expression. */
function interfaceNameByRegex(name: string): string | undefined {
  if (name === '') return 'interface name is empty';
  if (new TextEncoder().encode(name).length > 15) return 'interface name is too long';
  if (name === '.' || name === '..') return 'interface name is . or ..';
  if (/[/:\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/.test(name)) {
    return 'interface name contains / or : or whitespace characters';
  }
  return undefined;
}

function interfaceNameVerdict(name: string): string | undefined {
  try {
    validateInterfaceName(name);
    return undefined;
  } catch (error) {
    return (error as { msg: string }).msg;
  }
}

describe('name checks by loops', () => {
  test('network names: the NAME_PATTERN answer on every BMP code unit, first and later', () => {
    for (let code = 0; code < 0x10000; code++) {
      const unit = String.fromCharCode(code);
      for (const name of [unit, `a${unit}`, `${unit}b`]) {
        if (isValidNetworkName(name) !== NAME_PATTERN.test(name)) {
          throw new Error(`differs for U+${code.toString(16)}`);
        }
      }
    }
    expect(isValidNetworkName('')).toBe(false);
  });

  test('interface names: the TextEncoder and regular expression answer on every BMP code unit', () => {
    for (let code = 0; code < 0x10000; code++) {
      const unit = String.fromCharCode(code);
      for (const name of [
        unit,
        `eth${unit}`,
        `${unit}${unit}${unit}${unit}${unit}x`,
        `abcdefghijklm${unit}`,
      ]) {
        if (interfaceNameVerdict(name) !== interfaceNameByRegex(name)) {
          throw new Error(`differs for U+${code.toString(16)} in ${JSON.stringify(name)}`);
        }
      }
    }
    expect(interfaceNameVerdict('😀😀😀')).toBe(undefined); // 12 bytes
    expect(interfaceNameVerdict('😀😀😀😀')).toBe('interface name is too long'); // 16 bytes
  });
});
