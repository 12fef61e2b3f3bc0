import { afterEach, describe, expect, test } from 'bun:test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseResolvConf, readResolvConf } from './resolv-conf.ts';

describe('parseResolvConf', () => {
  test('reads nameservers, the domain, search words and options (the §6.8 file)', () => {
    const text = [
      '# written by a test',
      'nameserver 10.0.0.53',
      '  nameserver   fd00::53  ',
      '; another comment',
      'domain other.example',
      'domain pur.example',
      'search a.example b.example',
      'options ndots:5',
      'options timeout:2',
      '',
    ].join('\r\n');
    expect(parseResolvConf(text)).toEqual({
      nameservers: ['10.0.0.53', 'fd00::53'],
      domain: 'pur.example',
      search: ['a.example', 'b.example'],
      options: ['ndots:5', 'timeout:2'],
    });
  });

  test('skips lines with one word, unknown keywords and tabs-only lines', () => {
    expect(parseResolvConf('nameserver\nsortlist 10.0.0.0\n\t\nsearch\tx.example\n')).toEqual({
      search: ['x.example'],
    });
  });

  test('an empty file gives empty DNS', () => {
    expect(parseResolvConf('')).toEqual({});
  });
});

describe('readResolvConf', () => {
  let dir = '';
  afterEach(() => {
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });

  test('reads a file, and fails as Go does when it is missing', () => {
    dir = mkdtempSync(join(tmpdir(), 'cnits-hl-resolv-'));
    const path = join(dir, 'resolv.conf');
    writeFileSync(path, 'nameserver 10.0.0.53\n');
    expect(readResolvConf(path)).toEqual({ nameservers: ['10.0.0.53'] });
    expect(() => readResolvConf(join(dir, 'none'))).toThrow(
      `open ${join(dir, 'none')}: no such file or directory`,
    );
  });
});
