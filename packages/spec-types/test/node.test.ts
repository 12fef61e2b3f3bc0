import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exampleImporting, PACKAGE_DIR, readmeExample } from './_readme-example.ts';

// spec-types must run under Node: build the package as it is published (dist/, with its
// dependencies external) and run scripts against it with `node`.
const node = Bun.which('node');
const scratch = mkdtempSync(join(tmpdir(), 'spec-types-node-'));

function runNode(
  name: string,
  source: string,
): { stdout: string; stderr: string; exitCode: number } {
  const file = join(scratch, name);
  writeFileSync(file, source);
  // dist/index.js imports `valibot` by name: it resolves from the package's node_modules.
  const run = Bun.spawnSync([node as string, file], { cwd: PACKAGE_DIR, stderr: 'pipe' });
  return { stdout: run.stdout.toString(), stderr: run.stderr.toString(), exitCode: run.exitCode };
}

describe.skipIf(!node)('the built package under Node (skipped: node not found on PATH)', () => {
  beforeAll(async () => {
    const built = await Bun.build({
      entrypoints: [join(PACKAGE_DIR, 'src', 'index.ts')],
      outdir: join(PACKAGE_DIR, 'dist'),
      target: 'node',
      format: 'esm',
      packages: 'external',
    });
    if (!built.success) throw new AggregateError(built.logs, 'bun build failed');
  });

  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  test('validates a config and reports a bad one with its key path', () => {
    const entry = JSON.stringify(join(PACKAGE_DIR, 'dist', 'index.js'));
    const run = runNode(
      'validate.mjs',
      `import { parseNetConfList, isCniError } from ${entry};
const list = parseNetConfList('{"cniVersion":"1.0.0","name":"n","plugins":[{"type":"loopback"}]}');
console.log(list.plugins[0].type);
try { parseNetConfList('{"name":"n","plugins":[{"type":"x","ipam":{"ranges":[[{"subnet":"10.0.0.0/33"}]]}}]}'); }
catch (error) { console.log(isCniError(error), error.code, error.msg); }
console.log(process.release.name);`,
    );
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(
      'loopback\ntrue 7 plugins[0].ipam.ranges[0][0].subnet: invalid CIDR "10.0.0.0/33"\nnode\n',
    );
  });

  test('prints the README output when the README example runs', () => {
    const { code, output } = readmeExample();
    const run = runNode(
      'example.mjs',
      exampleImporting(code, join(PACKAGE_DIR, 'dist', 'index.js')),
    );
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(output);
  });
});
