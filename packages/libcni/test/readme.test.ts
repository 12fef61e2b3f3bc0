import { describe, expect, test } from 'bun:test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exampleImporting, PACKAGE_DIR, readmeExample } from './_readme-example.ts';

describe('README', () => {
  test('prints the stated output when its example runs', () => {
    const { code, output } = readmeExample();
    const dir = mkdtempSync(join(tmpdir(), 'libcni-readme-'));
    try {
      const file = join(dir, 'example.ts');
      writeFileSync(file, exampleImporting(code, join(PACKAGE_DIR, 'src', 'index.ts')));
      const run = Bun.spawnSync([process.execPath, file], { stderr: 'pipe' });
      expect(run.stderr.toString()).toBe('');
      expect(run.stdout.toString()).toBe(output);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
