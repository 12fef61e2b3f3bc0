#!/usr/bin/env bun
// A test plugin driven by a debug file, after upstream's plugins/test/noop. The debug file
// is the config's `debugFile`, else `$CNI_TEST_DEBUG_DIR/<name>.json`. Every invocation is
// appended to `<debug file>.log` (JSON lines: command, CNI_*/TEST_* env, stdin).
//
// Debug file keys (all optional):
//   result             ADD output (JSON value), or "PASSTHROUGH" for the prevResult;
//                      default: the prevResult, else a small result
//   error              {code, msg, details?}: printed on stdout, exit 1, for `errorOn` commands
//   errorOn            commands that fail with `error` (default: all but VERSION)
//   stdout             raw stdout for ADD instead of a result
//   stderr             text written to stderr on every command
//   exitCode           exit code when not failing with `error` (default 0)
//   supportedVersions  VERSION answer (default: every version)
//   versionOutput      raw VERSION stdout

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ALL_VERSIONS,
  fail,
  type Invocation,
  printJson,
  printVersions,
  readInvocation,
  record,
} from './_cni.ts';

interface Debug {
  result?: unknown;
  error?: { code: number; msg: string; details?: string };
  errorOn?: string[];
  stdout?: string;
  stderr?: string;
  exitCode?: number;
  supportedVersions?: string[];
  versionOutput?: string;
}

function debugFile(invocation: Invocation): string | undefined {
  const fromConfig = invocation.config?.debugFile;
  if (typeof fromConfig === 'string') return fromConfig;
  const dir = process.env.CNI_TEST_DEBUG_DIR;
  return dir ? join(dir, `${invocation.name}.json`) : undefined;
}

function defaultResult(invocation: Invocation): unknown {
  const version = String(invocation.config?.cniVersion ?? '');
  const ifName = invocation.env.CNI_IFNAME ?? 'eth0';
  const sandbox = invocation.env.CNI_NETNS ?? '';
  if (version === '' || version.startsWith('0.1') || version.startsWith('0.2')) {
    return { cniVersion: version || '0.1.0', ip4: { ip: '10.99.0.2/24' } };
  }
  const ips = version.startsWith('0.')
    ? [{ version: '4', interface: 0, address: '10.99.0.2/24' }]
    : [{ interface: 0, address: '10.99.0.2/24' }];
  return { cniVersion: version, interfaces: [{ name: ifName, sandbox }], ips };
}

const invocation = await readInvocation();
const file = debugFile(invocation);
const debug: Debug =
  file && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Debug) : {};
if (file) record(`${file}.log`, invocation);
if (debug.stderr) process.stderr.write(debug.stderr);

const { command } = invocation;
const errorOn = debug.errorOn ?? ['ADD', 'CHECK', 'DEL', 'GC', 'STATUS'];
if (debug.error && errorOn.includes(command)) {
  fail(debug.error.code, debug.error.msg, debug.error.details);
}
if (command === 'VERSION') {
  if (debug.versionOutput !== undefined) process.stdout.write(debug.versionOutput);
  else printVersions(debug.supportedVersions ?? ALL_VERSIONS);
} else if (command === 'ADD') {
  if (debug.stdout !== undefined) process.stdout.write(debug.stdout);
  else {
    const prevResult = invocation.config?.prevResult;
    const result = debug.result === 'PASSTHROUGH' ? prevResult : debug.result;
    printJson(result ?? prevResult ?? defaultResult(invocation));
  }
} else if (!['CHECK', 'DEL', 'GC', 'STATUS'].includes(command)) {
  fail(4, `unknown CNI_COMMAND: ${command}`);
}
process.exit(debug.exitCode ?? 0);
