import { afterEach, beforeEach, describe, expect, test } from 'bun:test';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  isAbandonedContent,
  isTempName,
  placeReservation,
  TEMP_PREFIX,
} from './reservation-file.ts';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cnits-hl-file-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('placeReservation', () => {
  test('puts the content in place under the name and leaves no temporary file', () => {
    expect(placeReservation(dir, '10.1.0.5', 'a\r\neth0', 0o600)).toBe(true);
    expect(readdirSync(dir)).toEqual(['10.1.0.5']);
    expect(readFileSync(join(dir, '10.1.0.5'), 'utf8')).toBe('a\r\neth0');
  });

  test('refuses a name whose file names an owner, and leaves it alone', () => {
    writeFileSync(join(dir, '10.1.0.5'), 'a\r\neth0');
    expect(placeReservation(dir, '10.1.0.5', 'b\r\neth0', 0o600)).toBe(false);
    expect(readFileSync(join(dir, '10.1.0.5'), 'utf8')).toBe('a\r\neth0');
    expect(readdirSync(dir)).toEqual(['10.1.0.5']);
  });

  test('takes over an empty file', () => {
    writeFileSync(join(dir, '10.1.0.5'), '');
    expect(placeReservation(dir, '10.1.0.5', 'b\r\neth0', 0o600)).toBe(true);
    expect(readFileSync(join(dir, '10.1.0.5'), 'utf8')).toBe('b\r\neth0');
    expect(readdirSync(dir)).toEqual(['10.1.0.5']);
  });
});

test('temporary names are never addresses; blank content names nobody', () => {
  expect(isTempName(`${TEMP_PREFIX}123`)).toBe(true);
  expect(isTempName('10.1.0.5')).toBe(false);
  expect(TEMP_PREFIX.startsWith('.')).toBe(true);
  expect(isAbandonedContent('')).toBe(true);
  expect(isAbandonedContent(' \r\n')).toBe(true);
  expect(isAbandonedContent('a')).toBe(false);
});
