#!/usr/bin/env bun
// Copies configuration lists into a scratch NETCONFPATH for the demo, with host-local's
// dataDir pointed into the scratch directory, and prints the plugin executables they
// need, one per line:
//   bun scripts/lib/prepare-conf.ts <out-dir> <data-dir> <file.conflist>...
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { type ConfListJson, pluginTypes, withHostLocalDataDir } from './conf-rewrite.ts';

const [outDir, dataDir, ...files] = process.argv.slice(2);
if (outDir === undefined || dataDir === undefined || files.length === 0) {
  process.stderr.write('usage: prepare-conf.ts <out-dir> <data-dir> <file.conflist>...\n');
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });
const needed = new Set<string>();
for (const file of files) {
  const list = JSON.parse(readFileSync(file, 'utf8')) as ConfListJson;
  writeFileSync(
    join(outDir, basename(file)),
    `${JSON.stringify(withHostLocalDataDir(list, dataDir), null, 2)}\n`,
  );
  for (const type of pluginTypes(list)) needed.add(type);
}
process.stdout.write(`${[...needed].sort().join('\n')}\n`);
