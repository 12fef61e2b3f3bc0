import { mkdir, readdir, readFile, unlink } from 'node:fs/promises';
import { convertResult, parseResult, pathDirname, pathJoin, type Result } from '@cni-ts/spec-types';
import type { CachedConfig, NetworkAttachment, RuntimeConf } from '../api/runtime-conf.ts';
import { CacheError } from '../errors/cache-error.ts';
import { errnoText, errorCode } from '../go/_errno.ts';
import { compareGoStrings } from '../go/_map-order.ts';
import { atomicWrite } from './_atomic-write.ts';
import { cacheFilePath } from './cache-path.ts';
import { type CacheRecord, decodeCacheRecord, encodeCacheRecord } from './cache-record.ts';
import { CNI_CACHE_V1 } from './constants.ts';

const decoder = new TextDecoder();

/**
 * The temporary (`.*`) files beside the cache files, and the `*.lock` files that earlier
 * versions of this library left there (the cache no longer locks).
 */
function isSideFile(name: string): boolean {
  return name.startsWith('.') || name.endsWith('.lock');
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** What to record for a successful ADD. */
export interface CacheWrite {
  readonly network: string;
  readonly runtime: RuntimeConf;
  readonly config: Uint8Array;
  readonly result: Result | undefined;
}

/**
 * The result cache in upstream's layout and format (`<dir>/results/<net>-<cid>-<if>`,
 * `cniCacheV1`), so Go runtimes and this package can take over each other's attachments.
 * Unlike upstream, writes are atomic (temporary file + rename), so a reader sees a whole
 * record or none. There is no lock: every change is one atomic rename or unlink and none
 * reads what it then rewrites, so concurrent writers of an attachment end with one whole
 * record (the last rename), and a lock could not order an ADD's write against a DEL's
 * removal any better than the runtime calling them does.
 */
export class ResultCache {
  readonly dir: string;

  constructor(dir: string) {
    this.dir = dir;
  }

  /** The cache file of an attachment; throws a CacheError when a part is empty. */
  path(network: string, runtime: Pick<RuntimeConf, 'containerId' | 'ifName'>): string {
    return cacheFilePath(this.dir, network, runtime.containerId, runtime.ifName);
  }

  /** Records an attachment (directory 0700, file 0600). */
  async write(entry: CacheWrite): Promise<void> {
    const { runtime } = entry;
    const path = this.path(entry.network, runtime);
    const data = encodeCacheRecord({
      containerId: runtime.containerId,
      config: entry.config,
      ifName: runtime.ifName,
      networkName: entry.network,
      netns: runtime.netns,
      cniArgs: runtime.args,
      capabilityArgs: runtime.capabilityArgs,
      result: entry.result,
    });
    await mkdir(pathDirname(path), { recursive: true, mode: 0o700 });
    await atomicWrite(path, data, 0o600);
  }

  /** Forgets an attachment; a missing file is fine. */
  async remove(network: string, runtime: RuntimeConf): Promise<void> {
    const path = this.path(network, runtime);
    try {
      await unlink(path);
    } catch (error) {
      if (errorCode(error) !== 'ENOENT') throw error;
    }
  }

  /** The file's bytes, or undefined when there is no file. Other read errors throw. */
  async #read(path: string): Promise<Uint8Array | undefined> {
    try {
      return new Uint8Array(await readFile(path));
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return undefined;
      throw new CacheError(`cannot read ${path}: ${errnoText(error)}`, { path, cause: error });
    }
  }

  /**
   * The cached result, converted to `cniVersion`; undefined when nothing is cached. A file
   * that is not a cniCacheV1 record is read as a bare result (what libcni up to 0.7
   * wrote). An empty or undecodable file throws a CacheError.
   */
  async readResult(
    network: string,
    cniVersion: string,
    runtime: RuntimeConf,
  ): Promise<Result | undefined> {
    const path = this.path(network, runtime);
    const data = await this.#read(path);
    if (data === undefined) return undefined;
    if (data.length === 0) throw new CacheError(`cache file ${path} is empty`, { path });
    const text = decoder.decode(data);
    let record: CacheRecord | undefined;
    try {
      record = decodeCacheRecord(text);
    } catch {
      record = undefined;
    }
    let result: Result;
    try {
      if (record?.kind === CNI_CACHE_V1) {
        if (record.result === undefined) return undefined;
        result = parseResult(record.result);
      } else {
        result = parseResult(text);
      }
    } catch (error) {
      throw new CacheError(`cannot decode cached result in ${path}: ${message(error)}`, {
        path,
        cause: error,
      });
    }
    try {
      return convertResult(result, cniVersion);
    } catch (error) {
      throw new CacheError(
        `failed to convert cached result to config version "${cniVersion}": ${message(error)}`,
        { path, cause: error },
      );
    }
  }

  /**
   * The cached config bytes and runtime parameters (upstream's GetNetworkCachedConfig):
   * `args` from the cache when it recorded some, `capabilityArgs` from the cache always.
   * Undefined when nothing is cached.
   */
  async readConfig(network: string, runtime: RuntimeConf): Promise<CachedConfig | undefined> {
    const path = this.path(network, runtime);
    const data = await this.#read(path);
    if (data === undefined) return undefined;
    let record: CacheRecord;
    try {
      record = decodeCacheRecord(decoder.decode(data));
    } catch (error) {
      throw new CacheError(
        `failed to unmarshal cached network "${network}" config: ${message(error)}`,
        { path, cause: error },
      );
    }
    if (record.kind !== CNI_CACHE_V1) {
      throw new CacheError(
        `read cached network "${network}" config has wrong kind: ${record.kind}`,
        { path },
      );
    }
    const { capabilityArgs: _dropped, ...rest } = runtime;
    return {
      config: record.config,
      runtime: {
        ...rest,
        args: record.cniArgs ?? runtime.args,
        ...(record.capabilityArgs ? { capabilityArgs: record.capabilityArgs } : {}),
      },
    };
  }

  /**
   * The attachments recorded in the cache, sorted by file name (upstream's
   * GetCachedAttachments). With `containerId`, only that container's. Files that cannot
   * be read or are not valid cniCacheV1 records are skipped. A missing directory gives [].
   */
  async listAttachments(containerId = ''): Promise<NetworkAttachment[]> {
    const dir = pathJoin(this.dir, 'results');
    let names: string[];
    try {
      names = await readdir(dir);
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return [];
      throw new CacheError(`cannot list ${dir}: ${errnoText(error)}`, { path: dir, cause: error });
    }
    names.sort(compareGoStrings);
    const attachments: NetworkAttachment[] = [];
    for (const name of names) {
      if (isSideFile(name)) continue;
      if (containerId !== '') {
        const part = `-${containerId}-`;
        const at = name.indexOf(part);
        if (at <= 0 || at + part.length >= name.length) continue;
      }
      let record: CacheRecord;
      try {
        record = decodeCacheRecord(decoder.decode(await readFile(pathJoin(dir, name))));
      } catch {
        continue;
      }
      if (record.kind !== CNI_CACHE_V1) continue;
      if (containerId !== '' && record.containerId !== containerId) continue;
      if (record.ifName === '' || record.networkName === '') continue;
      attachments.push({
        containerId: record.containerId,
        network: record.networkName,
        ifName: record.ifName,
        config: record.config,
        netns: record.netns,
        cniArgs: record.cniArgs,
        capabilityArgs: record.capabilityArgs,
      });
    }
    return attachments;
  }
}
