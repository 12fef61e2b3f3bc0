// Runs cnitool in process with a captured io, and makes temporary configuration dirs.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIo, ToolEnv } from '../src/index.ts';
import { runCli } from '../src/index.ts';

/** What one in-process run of cnitool did. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs cnitool with `argv` and exactly the environment `env`. */
export async function cli(argv: readonly string[], env: ToolEnv, cwd = '/'): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    env,
    cwd,
    isTty: false,
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

/** A temporary directory holding `net.d/` (NETCONFPATH) and `cache/`. */
export interface ConfDir {
  readonly root: string;
  readonly confDir: string;
  readonly cacheDir: string;
  /** Writes `name` in net.d (an object is written as JSON). */
  write(name: string, content: string | object): string;
  remove(): void;
}

export function makeConfDir(prefix = 'cnitool-test-'): ConfDir {
  const root = mkdtempSync(join(tmpdir(), prefix));
  const confDir = join(root, 'net.d');
  mkdirSync(confDir);
  return {
    root,
    confDir,
    cacheDir: join(root, 'cache'),
    write(name, content) {
      const path = join(confDir, name);
      mkdirSync(join(path, '..'), { recursive: true });
      writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
      return path;
    },
    remove() {
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** The one JSON error line cnitool prints on stderr. */
export function errorLine(stderr: string): { code: number; msg: string; details?: string } {
  const lines = stderr.trim().split('\n');
  return JSON.parse(lines[lines.length - 1] ?? '') as {
    code: number;
    msg: string;
    details?: string;
  };
}
