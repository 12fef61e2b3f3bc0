#!/usr/bin/env bun
// The multicall executable: one binary for every plugin, installed as one link per plugin
// name. It runs the plugin named by the name it was started under (the basename of
// argv[0]); started under its own name it takes the plugin name as its first argument,
// and with none it lists the plugins. Only the chosen plugin's module is loaded (see
// plugin-loaders.ts), and none for VERSION (see version-answer.ts); nothing here may
// import a plugin or node:* statically.
import { pluginLoaders } from './plugin-loaders.ts';
import { answerVersion, isPluginName } from './version-answer.ts';

const invokedAs = process.argv0.slice(process.argv0.lastIndexOf('/') + 1);
const asked = process.argv[2];
// Plain conditions, no array helpers: a plugin's first exec pays for every builtin it calls.
const chosen = isPluginName(invokedAs)
  ? invokedAs
  : asked !== undefined && isPluginName(asked)
    ? asked
    : undefined;

// answerVersion() and main() exit the process themselves.
if (chosen !== undefined) {
  // VERSION is answered from the versions table alone, the plugin's module unloaded.
  if (process.env.CNI_COMMAND === 'VERSION') void answerVersion(chosen);
  else void pluginLoaders[chosen]().then((plugin) => plugin.main());
} else if (asked === undefined || asked === '--help') {
  const names = Object.keys(pluginLoaders).sort();
  void Bun.write(
    Bun.stdout,
    `cni-ts plugins: one executable for ${names.length} CNI plugins.\n` +
      `Link it under a plugin's name (scripts/install does), or run it as '${invokedAs} <plugin>'.\n` +
      `Plugins: ${names.join(', ')}\n`,
  );
} else {
  void import('./unknown-plugin.ts').then(({ failUnknownPlugin }) =>
    failUnknownPlugin(asked, Object.keys(pluginLoaders).sort()),
  );
}
