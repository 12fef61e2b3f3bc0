// Replays the cases recorded from Go libcni 1.1.2 (fixtures/go-libcni-1.1.2, see RECORDING.md
// there) through this package with a FakeExec that answers as the recorder's fake did.

import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeJson, resultToJson } from '@cni-ts/spec-types';
import {
  CniConfig,
  loadNetworkConf,
  type NetworkConfigList,
  networkConfFromBytes,
  networkPluginConfFromBytes,
  type PluginConfig,
  type RuntimeConf,
} from '../src/index.ts';
import { FakeExec, type FakePlugin, passthrough } from '../src/testing/index.ts';

/** The recorded fixtures. */
export const GO_FIXTURES = join(import.meta.dir, 'fixtures', 'go-libcni-1.1.2');

/** One plugin run as the Go recorder saw it. */
export interface GoCall {
  plugin: string;
  command: string;
  env: Record<string, string>;
  stdin: string;
}

/** One recorded case: its inputs and what Go libcni did with them. */
export interface GoCase {
  name: string;
  kind: 'list' | 'conf' | 'confdir';
  config: string;
  runtime: {
    containerId: string;
    netns: string;
    ifName: string;
    args?: [string, string][];
    capabilityArgs?: Record<string, unknown>;
  };
  results: Record<string, string>;
  verbs: ('ADD' | 'CHECK' | 'DEL')[];
  calls: GoCall[];
  cacheFile: string;
  cachedResult?: string;
  error?: string;
}

/** The recorded cases. */
export function goCases(): GoCase[] {
  return JSON.parse(readFileSync(join(GO_FIXTURES, 'cases.json'), 'utf8')) as GoCase[];
}

/** The cache file Go wrote for a case. */
export function goCacheFile(goCase: GoCase): Buffer {
  return readFileSync(join(GO_FIXTURES, `${goCase.name}.cache`));
}

/** What this package did with a case. */
export interface Replay {
  calls: GoCall[];
  cacheFile: Buffer | undefined;
  cachedResult: string | undefined;
  error: string | undefined;
}

/** The case's runtime parameters as a RuntimeConf. */
export function runtimeOf(goCase: GoCase): RuntimeConf {
  const { containerId, netns, ifName, args, capabilityArgs } = goCase.runtime;
  return { containerId, netns, ifName, args, capabilityArgs };
}

async function configOf(goCase: GoCase): Promise<NetworkConfigList | PluginConfig> {
  if (goCase.kind === 'list') return networkConfFromBytes(goCase.config);
  if (goCase.kind === 'conf') return networkPluginConfFromBytes(goCase.config);
  const dir = mkdtempSync(join(tmpdir(), 'libcni-golden-conf-'));
  try {
    writeFileSync(join(dir, '10-single.conf'), goCase.config);
    return await loadNetworkConf(dir, 'golden-single');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function isList(config: NetworkConfigList | PluginConfig): config is NetworkConfigList {
  return 'plugins' in config;
}

/**
 * Runs a case's verbs against `cacheDir`. With `preload`, that cache file is put in place
 * first (and ADD is skipped), to replay CHECK and DEL on a file Go wrote.
 */
export async function replay(goCase: GoCase, cacheDir: string, preload?: Buffer): Promise<Replay> {
  const plugins: Record<string, FakePlugin | string> = {};
  for (const [name, output] of Object.entries(goCase.results)) {
    plugins[name] = output === 'PASSTHROUGH' ? passthrough() : output;
  }
  const exec = new FakeExec({ plugins });
  const cni = new CniConfig({ path: ['/opt/cni/bin'], cacheDir, exec, env: {} });
  const config = await configOf(goCase);
  const runtime = runtimeOf(goCase);
  const name = isList(config) ? config.name : (config.network.name ?? '');
  const cachePath = join(cacheDir, 'results', `${name}-${runtime.containerId}-${runtime.ifName}`);
  if (preload) {
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(cacheDir, 'results'), { recursive: true });
    writeFileSync(cachePath, preload);
  }
  const out: Replay = {
    calls: [],
    cacheFile: undefined,
    cachedResult: undefined,
    error: undefined,
  };
  for (const verb of goCase.verbs) {
    if (preload && verb === 'ADD') continue;
    try {
      if (verb === 'ADD') {
        if (isList(config)) await cni.addNetworkList(config, runtime);
        else await cni.addNetwork(config, runtime);
        out.cacheFile = readFileSync(cachePath);
        const cached = isList(config)
          ? await cni.getNetworkListCachedResult(config, runtime)
          : undefined;
        out.cachedResult = cached && encodeJson(resultToJson(cached));
      } else if (verb === 'CHECK') {
        if (isList(config)) await cni.checkNetworkList(config, runtime);
        else await cni.checkNetwork(config, runtime);
      } else if (isList(config)) {
        await cni.delNetworkList(config, runtime);
      } else {
        await cni.delNetwork(config, runtime);
      }
    } catch (error) {
      out.error = `${verb}: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
  out.calls = exec.calls
    .filter((call) => call.command !== 'VERSION')
    .map((call) => ({
      plugin: call.plugin,
      command: call.command,
      env: Object.fromEntries(Object.entries(call.env).filter(([key]) => key.startsWith('CNI_'))),
      stdin: call.stdin,
    }));
  return out;
}

/** Go 1.1.2 predates the cache's `netns` field (v1.2.0): the bytes it would write now. */
export function withNetns(goFile: Buffer, goCase: GoCase): string {
  const marker = `"networkName":${JSON.stringify(nameInCache(goFile))}`;
  const text = goFile.toString('utf8');
  const netns = goCase.runtime.netns;
  return netns ? text.replace(marker, `${marker},"netns":${JSON.stringify(netns)}`) : text;
}

function nameInCache(goFile: Buffer): string {
  return (JSON.parse(goFile.toString('utf8')) as { networkName: string }).networkName;
}

/** The files of a directory (for checking what the cache left behind). */
export function filesIn(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}
