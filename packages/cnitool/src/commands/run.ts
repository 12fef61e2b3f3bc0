import { loadNetworkConf, type NetworkConfigList } from '@cni-ts/libcni';
import { defineCommand } from 'citty';
import { cniConfigFor } from '../cni-config.ts';
import { errorJson } from '../error-json.ts';
import { ioOf } from '../io.ts';
import { loadDefaultNetwork } from '../networks/list-networks.ts';
import { afterDoubleDash, repeatedOption } from '../run/_repeated-option.ts';
import { runInNetworks } from '../run/run-in-networks.ts';
import { readRuntimeArgs, readSettings } from '../settings.ts';
import { UsageError } from '../usage-error.ts';
import { cacheDirArg } from './_attachment.ts';

/**
 * `cnitool run [--net NAME]... [--ifname-prefix eth] -- COMMAND [ARGS...]`: runs a
 * command in a fresh network namespace attached to the networks (default: the first valid
 * configuration in NETCONFPATH), then detaches and removes the namespace. Needs root.
 */
export const runInNetnsCommand = defineCommand({
  meta: {
    name: 'run',
    description: 'Run a command in a new network namespace attached to networks, then clean up',
  },
  args: {
    command: {
      type: 'positional',
      required: false,
      description: 'The command and its arguments, after "--" (e.g. cnitool run -- ip addr)',
    },
    net: {
      type: 'string',
      alias: 'n',
      valueHint: 'name',
      description:
        'Network to attach; repeat (or separate with commas) for more, attached as eth0, eth1, ... (default: the first valid file in $NETCONFPATH)',
    },
    'ifname-prefix': {
      type: 'string',
      valueHint: 'prefix',
      default: 'eth',
      description: 'Interface names are the prefix and the network index',
    },
    ...cacheDirArg,
  },
  async run({ args, rawArgs, data }) {
    const io = ioOf(data);
    const command = afterDoubleDash(rawArgs);
    if (command === undefined || command.length === 0) {
      throw new UsageError('give the command after "--", e.g. cnitool run -- ip addr');
    }
    const { args: cniArgs, capabilityArgs } = readRuntimeArgs(io.env);
    const settings = readSettings(io.env, args['cache-dir']);
    const names = repeatedOption(rawArgs, ['--net', '-n']);
    const networks: NetworkConfigList[] =
      names.length > 0
        ? await Promise.all(names.map((name) => loadNetworkConf(settings.confDir, name)))
        : [await loadDefaultNetwork(settings.confDir)];
    return runInNetworks({
      cni: cniConfigFor(settings, io),
      networks,
      ifnamePrefix: args['ifname-prefix'] || 'eth',
      command,
      env: io.env,
      args: cniArgs,
      capabilityArgs,
      report: (error) => io.stderr(`${JSON.stringify(errorJson(error))}\n`),
    });
  },
});
