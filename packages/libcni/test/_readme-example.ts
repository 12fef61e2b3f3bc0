import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The package folder. */
export const PACKAGE_DIR = join(import.meta.dir, '..');

/** The README's example and its stated output. */
export function readmeExample(): { code: string; output: string } {
  const readme = readFileSync(join(PACKAGE_DIR, 'README.md'), 'utf8');
  const code = /## Example\n\n```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  const output = /Output:\n\n```text\n([\s\S]*?)```/.exec(readme)?.[1];
  if (code === undefined || output === undefined) throw new Error('README example not found');
  return { code, output };
}

/** The example with its package import pointed at `target`. */
export function exampleImporting(code: string, target: string): string {
  return code.replaceAll("from '@cni-ts/libcni'", `from ${JSON.stringify(target)}`);
}
