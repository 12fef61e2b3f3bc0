#!/usr/bin/env bun
// A tiny container runtime that embeds libcni (see README.md):
//
//   CNI_PATH=/opt/cni/bin bun runtime.ts [--conflist FILE] [--cache-dir DIR] -- CMD [ARG...]
//
// Creates a network namespace, ADDs the conflist (default: 10-embedded.conflist beside
// this file), runs CMD in the namespace, DELs, removes the namespace, prints what happened.
import { join } from 'node:path';
import { networkConfFromFile } from '@cni-ts/libcni';
import { convertResult, isResult100 } from '@cni-ts/spec-types';
import { runInNetwork } from './run-in-network.ts';

function option(args: readonly string[], name: string, fallback: string): string {
  const at = args.indexOf(name);
  return at === -1 ? fallback : (args[at + 1] ?? fallback);
}

const argv = process.argv.slice(2);
const dashes = argv.indexOf('--');
const command = dashes === -1 ? ['ip', 'address'] : argv.slice(dashes + 1);
const flags = dashes === -1 ? argv : argv.slice(0, dashes);
const conflist = option(flags, '--conflist', join(import.meta.dir, '10-embedded.conflist'));
const cacheDir = option(flags, '--cache-dir', '/var/lib/cni');
const pluginDirs = (process.env.CNI_PATH ?? '/opt/cni/bin').split(':').filter((d) => d !== '');

const list = await networkConfFromFile(conflist);
const report = await runInNetwork({
  list,
  pluginDirs,
  cacheDir,
  command,
  log: (line) => console.log(`runtime: ${line}`),
});
const current = convertResult(report.result, '1.1.0');
const ips = isResult100(current) ? (current.ips ?? []).map((ip) => ip.address).join(', ') : '';
console.log(`runtime: container ${report.containerId} had ${ips || 'no address'}`);
console.log(`--- output of ${command.join(' ')} (exit ${report.exitCode}) ---`);
process.stdout.write(report.output);
process.exitCode = report.exitCode;
