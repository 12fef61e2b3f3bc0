import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { loadNetworkConf, type NetworkConfigList } from '@cni-ts/libcni';
import { defineCommand } from 'citty';
import { cniConfigFor } from '../cni-config.ts';
import { ioOf } from '../io.ts';
import { loadNetworkFile } from '../networks/load-network-file.ts';
import {
  type ValidationReport,
  validateNetworkPlugins,
  validationError,
} from '../networks/validate-network.ts';
import { readSettings, type ToolSettings } from '../settings.ts';

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** A path to an existing file is read as that file; anything else is a network name. */
async function loadTarget(
  target: string,
  settings: ToolSettings,
  cwd: string,
): Promise<{ list: NetworkConfigList; source: string }> {
  const path = resolve(cwd, target);
  if (await isFile(path)) return { list: await loadNetworkFile(path), source: path };
  return { list: await loadNetworkConf(settings.confDir, target), source: settings.confDir };
}

/** The human-readable form of a {@link ValidationReport}. */
export function formatValidation(report: ValidationReport, source: string): string {
  const lines = [
    `network ${JSON.stringify(report.name)} (${source}), cniVersion ${report.cniVersion}`,
  ];
  for (const plugin of report.plugins) {
    const versions = plugin.supportedVersions
      ? `supports ${plugin.supportedVersions.join(' ')}`
      : '';
    const where = [plugin.path, versions].filter(Boolean).join('; ');
    const status = plugin.error === undefined ? 'ok' : `error: ${plugin.error}`;
    lines.push(`  ${plugin.type}: ${status}${where ? ` (${where})` : ''}`);
  }
  lines.push(
    `capabilities: ${report.capabilities.length > 0 ? report.capabilities.join(', ') : '(none)'}`,
  );
  lines.push(report.valid ? 'valid' : 'not valid');
  return `${lines.join('\n')}\n`;
}

/**
 * `cnitool validate FILE|NETWORK [--json]`: parses the configuration (errors name the file
 * and the key), then asks every plugin for VERSION and checks it supports the list's
 * version. Prints a report; exits 1 with a CNI error on stderr when anything is wrong.
 */
export const validateCommand = defineCommand({
  meta: {
    name: 'validate',
    description:
      'Check a configuration file or network: parse it, then ask every plugin for VERSION',
  },
  args: {
    target: {
      type: 'positional',
      description:
        'A configuration file (.conflist, .conf, .json) or a network name in $NETCONFPATH',
      required: true,
    },
    json: { type: 'boolean', description: 'Print the report as JSON' },
  },
  async run({ args, data }) {
    const io = ioOf(data);
    const settings = readSettings(io.env);
    const { list, source } = await loadTarget(args.target, settings, io.cwd);
    const report = await validateNetworkPlugins(cniConfigFor(settings, io), list);
    io.stdout(
      args.json
        ? `${JSON.stringify({ source, ...report }, null, 2)}\n`
        : formatValidation(report, source),
    );
    if (!report.valid) throw validationError(report);
  },
});
