import { describe, expect, test } from 'bun:test';
import { parseMac } from './mac.ts';

describe('parseMac', () => {
  test('accepts and refuses what the regular expressions did, separators mixed or not', () => {
    const byRegex = (text: string): boolean => {
      const parts = text.split(/[:-]/);
      return parts.length >= 2 && parts.every((part) => /^[0-9a-fA-F]{2}$/.test(part));
    };
    const texts = [
      '02:00:00:00:10:01',
      '02-00-00-00-10-01',
      '02:00-00',
      'aA:Ff',
      '0:00',
      '000:00',
      'gg:00',
    ];
    texts.push(
      '00',
      '',
      ':',
      '00:',
      '00::00',
      'ａａ:00',
      ' 00:00',
      '00:00 ',
      '00:00:00:00:00:00:00:00',
    );
    for (const text of texts) {
      let accepted = true;
      try {
        parseMac(text);
      } catch {
        accepted = false;
      }
      expect([text, accepted]).toEqual([text, byRegex(text)]);
    }
    expect([...parseMac('02-0A:ff')]).toEqual([0x02, 0x0a, 0xff]);
  });
});
