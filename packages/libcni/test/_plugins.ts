// Puts the test plugins (test/plugins/*.ts) in a temporary plugin directory and reads what
// they recorded. Each installed plugin is a small executable wrapper that imports the
// plugin's source, so a test can hold it open for writing without touching the sources.

import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where the test plugins' sources are. */
export const PLUGIN_SOURCES = join(import.meta.dir, 'plugins');

/** One invocation recorded by the noop plugin. */
export interface RecordedCall {
  command: string;
  env: Record<string, string>;
  stdin: string;
}

/** The debug file of the noop plugin (see test/plugins/noop.ts). */
export interface NoopDebug {
  result?: unknown;
  error?: { code: number; msg: string; details?: string };
  errorOn?: string[];
  stdout?: string;
  stderr?: string;
  exitCode?: number;
  supportedVersions?: string[];
  versionOutput?: string;
}

/** A temporary plugin directory, with a debug directory and a cache directory beside it. */
export interface PluginDir {
  readonly root: string;
  /** The plugin directory (CNI_PATH). */
  readonly dir: string;
  /** `$CNI_TEST_DEBUG_DIR`: `<name>.json` debug files and `<name>.json.log` records. */
  readonly debugDir: string;
  readonly cacheDir: string;
  /** The environment to run plugins with (the process's plus CNI_TEST_DEBUG_DIR). */
  readonly env: Record<string, string | undefined>;
  /** Installs the test plugin `source` as `name`; returns its path. */
  install(name: string, source?: string): string;
  /** Writes the debug file of the plugin installed as `name`. */
  debug(name: string, debug: NoopDebug): void;
  /** What the plugin installed as `name` recorded, in order. */
  calls(name: string): RecordedCall[];
  remove(): void;
}

/** Creates a temporary plugin directory with the given plugins (name → source, default same). */
export function makePluginDir(plugins: Readonly<Record<string, string>> = {}): PluginDir {
  const root = mkdtempSync(join(tmpdir(), 'libcni-plugins-'));
  const dir = join(root, 'bin');
  const debugDir = join(root, 'debug');
  const cacheDir = join(root, 'cache');
  mkdirSync(dir);
  mkdirSync(debugDir);
  const pluginDir: PluginDir = {
    root,
    dir,
    debugDir,
    cacheDir,
    env: { ...process.env, CNI_TEST_DEBUG_DIR: debugDir },
    install(name, source = name) {
      const path = join(dir, name);
      const target = join(PLUGIN_SOURCES, `${source}.ts`);
      writeFileSync(path, `#!${process.execPath}\nimport ${JSON.stringify(target)};\n`);
      chmodSync(path, 0o755);
      return path;
    },
    debug(name, debug) {
      writeFileSync(join(debugDir, `${name}.json`), JSON.stringify(debug));
    },
    calls(name) {
      const log = join(debugDir, `${name}.json.log`);
      if (!existsSync(log)) return [];
      return readFileSync(log, 'utf8')
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as RecordedCall);
    },
    remove() {
      rmSync(root, { recursive: true, force: true });
    },
  };
  for (const [name, source] of Object.entries(plugins)) pluginDir.install(name, source);
  return pluginDir;
}
