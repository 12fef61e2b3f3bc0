import { describe, expect, test } from 'bun:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as api from '../src/index.ts';
import { CNITOOL_VERSION } from '../src/index.ts';

const PACKAGE_DIR = join(import.meta.dir, '..');
const src = join(PACKAGE_DIR, 'src');
const runtimeFiles = [...new Bun.Glob('**/*.ts').scanSync(src)].filter(
  (file) => !file.endsWith('.test.ts'),
);

describe('index.ts', () => {
  test('exports exactly the documented names', () => {
    expect(Object.keys(api).sort()).toMatchSnapshot();
  });
});

describe('package.json', () => {
  test('has the version cnitool --version prints', () => {
    const pkg = JSON.parse(readFileSync(join(PACKAGE_DIR, 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(CNITOOL_VERSION).toBe(pkg.version);
  });
});

describe('runtime code', () => {
  test('never runs ip, tc or bridge (namespaces go through plugin-kit)', () => {
    const forbidden = /\[\s*['"`](?:\/usr)?(?:\/s?bin\/)?(ip|tc|bridge)['"`]/;
    expect(
      runtimeFiles.filter((file) => forbidden.test(readFileSync(join(src, file), 'utf8'))),
    ).toEqual([]);
  });

  test('does nothing at import time except in main.ts', () => {
    const topLevelAwait = /^(?:process\.|await |[a-z]+\()/m;
    const offenders = runtimeFiles.filter(
      (file) => file !== 'main.ts' && topLevelAwait.test(readFileSync(join(src, file), 'utf8')),
    );
    expect(offenders).toEqual([]);
  });
});
