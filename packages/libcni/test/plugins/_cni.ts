// A tiny CNI protocol handler for the test plugins: reads the environment and stdin,
// prints results and errors as upstream's skel does. Self-contained on purpose: the test
// plugins must not depend on plugin-kit or on libcni itself.

import { appendFileSync } from 'node:fs';
import { basename } from 'node:path';

/** One invocation of a test plugin. */
export interface Invocation {
  /** The name the plugin was run as (its file name in the plugin directory). */
  readonly name: string;
  readonly command: string;
  readonly env: Readonly<Record<string, string>>;
  readonly stdin: string;
  /** stdin decoded, when it is a JSON object. */
  readonly config: Record<string, unknown> | undefined;
}

/** Reads the invocation: CNI_* variables, stdin and the plugin's own name. */
export async function readInvocation(): Promise<Invocation> {
  const stdin = await Bun.stdin.text();
  let config: Record<string, unknown> | undefined;
  try {
    const value: unknown = JSON.parse(stdin);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      config = value as Record<string, unknown>;
    }
  } catch {
    config = undefined;
  }
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && (key.startsWith('CNI_') || key.startsWith('TEST_')))
      env[key] = value;
  }
  return {
    name: basename(process.argv[1] ?? 'plugin'),
    command: process.env.CNI_COMMAND ?? '',
    env,
    stdin,
    config,
  };
}

/** Appends the invocation as one JSON line to `logFile`. */
export function record(logFile: string, invocation: Invocation): void {
  const { command, env, stdin } = invocation;
  appendFileSync(logFile, `${JSON.stringify({ command, env, stdin })}\n`);
}

/** Prints JSON the way upstream's skel prints results (four-space indent). */
export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 4));
}

/** Prints an error object on stdout and exits with `exitCode` (1 by default). */
export function fail(code: number, msg: string, details?: string, exitCode = 1): never {
  printJson(details === undefined ? { code, msg } : { code, msg, details });
  process.exit(exitCode);
}

/** The VERSION answer for `supportedVersions`. */
export function printVersions(supportedVersions: readonly string[]): void {
  process.stdout.write(`${JSON.stringify({ cniVersion: '1.1.0', supportedVersions })}\n`);
}

/** Every spec version. */
export const ALL_VERSIONS = ['0.1.0', '0.2.0', '0.3.0', '0.3.1', '0.4.0', '1.0.0', '1.1.0'];
