import { describe, expect, test } from 'bun:test';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const PACKAGE_DIR = join(import.meta.dir, '..');

function readmeExample(): { code: string; output: string } {
  const readme = readFileSync(join(PACKAGE_DIR, 'README.md'), 'utf8');
  const code = /## Example\n\n```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  const output = /Output:\n\n```text\n([\s\S]*?)```/.exec(readme)?.[1];
  if (code === undefined || output === undefined) throw new Error('README example not found');
  return { code, output };
}

describe('README', () => {
  test('its example prints the stated output', () => {
    const { code, output } = readmeExample();
    const dir = mkdtempSync(join(PACKAGE_DIR, 'test', '.readme-'));
    try {
      const file = join(dir, 'example.ts');
      writeFileSync(
        file,
        code.replaceAll(
          "from '@cni-ts/plugins'",
          `from ${JSON.stringify(join(PACKAGE_DIR, 'src', 'index.ts'))}`,
        ),
      );
      const run = Bun.spawnSync([process.execPath, file], { stderr: 'pipe', cwd: PACKAGE_DIR });
      expect(run.stderr.toString()).toBe('');
      expect(run.stdout.toString()).toBe(output);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
