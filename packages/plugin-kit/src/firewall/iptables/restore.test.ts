import { describe, expect, test } from 'bun:test';
import { createFakeCommandRunner } from '../fake-command-runner.ts';
import { restoreBatch, restoreLine, restoreWord, tryRestore } from './restore.ts';
import { splitRuleWords } from './rule-line.ts';

describe('restoreWord', () => {
  test('leaves plain words alone and quotes the rest as iptables-save does', () => {
    expect(restoreWord('10.244.50.4/24')).toBe('10.244.50.4/24');
    expect(restoreWord('fd00:50::4')).toBe('fd00:50::4');
    expect(restoreWord('!')).toBe('!');
    expect(restoreWord('CNI-d25dd76defe1afc7a2c8208b')).toBe('CNI-d25dd76defe1afc7a2c8208b');
    expect(restoreWord('name: "a\\b" id: "c"')).toBe(String.raw`"name: \"a\\b\" id: \"c\""`);
    expect(restoreWord('')).toBe('""');
  });

  test('a quoted line reads back as the same words', () => {
    const words = ['-A', 'X', '-m', 'comment', '--comment', 'name: "n\\"et" id: "c d"', '-j', 'Y'];
    expect(splitRuleWords(restoreLine(words[0] ?? '', words[1] ?? '', words.slice(2)))).toEqual(
      words,
    );
  });
});

describe('tryRestore', () => {
  test('feeds table, lines and COMMIT to the family tool with --noflush --wait', () => {
    const fake = createFakeCommandRunner();
    tryRestore(6, 'nat', ['-F X', '-X X'], { runner: fake.run });
    expect(fake.calls).toEqual([
      { argv: ['ip6tables-restore', '--noflush', '--wait'], stdin: '*nat\n-F X\n-X X\nCOMMIT\n' },
    ]);
    expect(restoreBatch('nat', [])).toBe('*nat\nCOMMIT\n');
  });
});

describe('restoreWord, a loop for the regular expressions it replaced', () => {
  test('quotes exactly the words the regular expressions quoted, the same way', () => {
    const byRegex = (word: string): string =>
      /^[A-Za-z0-9_.:/!+=,@%-]+$/.test(word) ? word : `"${word.replace(/[\\"]/g, '\\$&')}"`;
    const alphabet = ['a', 'Z', '9', '_', '.', ':', '/', '!', '+', '=', ',', '@', '%', '-'];
    alphabet.push(' ', '"', '\\', '#', '*', 'é', '😀', '\t', '$', '(', '[', '`', "'");
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const words = [''];
    for (let n = 0; n < 5000; n++) {
      let word = '';
      for (let k = Math.floor(next() * 6); k > 0; k--)
        word += alphabet[Math.floor(next() * alphabet.length)];
      words.push(word);
    }
    for (const word of words) expect([word, restoreWord(word)]).toEqual([word, byRegex(word)]);
  });
});
