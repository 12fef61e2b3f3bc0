#!/usr/bin/env bun
// The multicall executable: one binary for every plugin, installed as one link per plugin
// name. It runs the plugin named by the name it was started under (the basename of
// argv[0]); started under its own name it takes the plugin name as its first argument,
// and with none it lists the plugins.
import { basename } from 'node:path';
import { CniError, CniErrorCode, stringifyError } from '@cni-ts/spec-types';
import { pluginNamed, pluginNames } from './registry.ts';

const invokedAs = basename(process.argv0);
const plugin = pluginNamed(invokedAs) ?? pluginNamed(process.argv[2] ?? '');

if (plugin !== undefined) {
  // No top-level await: the bytecode build is CommonJS. main() exits the process itself.
  void plugin.main();
} else if (process.argv[2] === undefined || process.argv[2] === '--help') {
  process.stdout.write(
    `cni-ts plugins: one executable for ${pluginNames.length} CNI plugins.\n` +
      `Link it under a plugin's name (scripts/install does), or run it as '${invokedAs} <plugin>'.\n` +
      `Plugins: ${pluginNames.join(', ')}\n`,
  );
} else {
  const error = new CniError(
    CniErrorCode.Internal,
    `no plugin named ${JSON.stringify(process.argv[2] ?? invokedAs)} in this executable`,
    { details: `plugins: ${pluginNames.join(', ')}` },
  );
  process.stdout.write(`${stringifyError(error)}\n`);
  process.exit(1);
}
