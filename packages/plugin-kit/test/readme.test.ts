import { describe, expect, test } from 'bun:test';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const PACKAGE_DIR = join(import.meta.dir, '..');

/** The code of the README section `heading` and the text block after `label`. */
function readmeExample(heading: string, label: string): { code: string; output: string } {
  const readme = readFileSync(join(PACKAGE_DIR, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf(`## ${heading}\n`));
  const code = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
  const output = new RegExp(`${label}\n\n\`\`\`text\n([\\s\\S]*?)\`\`\``).exec(section)?.[1];
  if (code === undefined || output === undefined) throw new Error(`README ${heading} not found`);
  return { code, output };
}

function runExample(heading: string, label: string): void {
  const { code, output } = readmeExample(heading, label);
  const dir = mkdtempSync(join(PACKAGE_DIR, 'test', '.readme-'));
  try {
    const file = join(dir, 'example.ts');
    writeFileSync(
      file,
      code.replaceAll(
        "from '@cni-ts/plugin-kit'",
        `from ${JSON.stringify(join(PACKAGE_DIR, 'src', 'index.ts'))}`,
      ),
    );
    const run = Bun.spawnSync([process.execPath, file], { stderr: 'pipe', cwd: PACKAGE_DIR });
    expect(run.stderr.toString()).toBe('');
    expect(run.stdout.toString()).toBe(output);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('README', () => {
  test('its example prints the stated output', () => {
    runExample('Example', 'Output:');
  });

  test('its lazy plugin example loads the body only for ADD', () => {
    runExample('Starting fast', 'It prints:');
  });

  test('names only exported functions in its netlink snippet', async () => {
    const api = await import('../src/index.ts');
    for (const name of [
      'addAddress',
      'addLink',
      'getLink',
      'openNetns',
      'openRouteSocket',
      'setLinkUp',
    ]) {
      expect(typeof (api as Record<string, unknown>)[name]).toBe('function');
    }
  });

  test('its root-only test snippet imports only exported functions of ./testing', async () => {
    const readme = readFileSync(join(PACKAGE_DIR, 'README.md'), 'utf8');
    const snippet = /## Root-only tests\n\n```ts\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    const names = /import \{ ([^}]+) \} from '@cni-ts\/plugin-kit\/testing'/.exec(snippet)?.[1];
    const testing = await import('../src/testing/index.ts');
    expect(names?.split(', ')).toEqual([
      'createTestNetns',
      'netnsSkipReason',
      'runCommand',
      'useTimeLimit',
    ]);
    for (const name of names?.split(', ') ?? []) {
      expect(typeof (testing as Record<string, unknown>)[name]).toBe('function');
    }
  });
});
