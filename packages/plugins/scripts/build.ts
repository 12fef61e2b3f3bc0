#!/usr/bin/env bun
// Builds the multicall plugin executable: `bun scripts/build.ts [--outfile PATH]`.
// Default output: packages/plugins/dist/cni-ts-plugins. scripts/install links it under
// every plugin name.
import { buildPlugins } from './build-plugins.ts';

const at = process.argv.indexOf('--outfile');
const outfile = at === -1 ? undefined : process.argv[at + 1];
const built = buildPlugins(outfile === undefined ? {} : { outfile });
process.stdout.write(`${built}\n`);
