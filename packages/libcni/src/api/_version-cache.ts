import type { VersionInfo } from '@cni-ts/spec-types';
import type { Exec } from '../invoke/exec.ts';

/** A VERSION answer (pending or settled) and the identity of the file it came from. */
interface Entry {
  readonly identity: string;
  readonly answer: Promise<VersionInfo>;
}

/** A copy for the caller, so that no caller can change what the cache holds. */
function copyOf(info: VersionInfo): VersionInfo {
  return { ...info, supportedVersions: [...info.supportedVersions] };
}

/** `promise`, or a rejection as soon as `signal` aborts (the promise itself runs on). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * The VERSION answers of plugin executables, kept for the life of one `CniConfig` so
 * that an operation in steady state runs no VERSION at all (a stat replaces the exec).
 *
 * - Key: the plugin's path as found on the plugin path. Validity: the file's identity
 *   (`Exec.fileIdentity`; for the default exec device, inode, size, mtime and ctime from
 *   one stat), taken before asking. A new binary installed there (a rename, or a rewrite
 *   that moves the times) has a new identity, so the next operation asks it once again.
 * - Only answers are kept. A VERSION that fails (it cannot run, exits with an error,
 *   prints garbage, is aborted) is forgotten, so the next operation asks again and fails
 *   or succeeds exactly as without the cache. The legacy answer ("unknown CNI_COMMAND:
 *   VERSION" means 0.1.0) is an answer and is kept.
 * - Concurrent operations share one pending VERSION. One that finds the shared ask failed
 *   asks on its own; one whose signal aborts stops waiting and asks with its aborted
 *   signal, so it gets the exec's own abort error. An already aborted signal skips the
 *   cache, as does an exec without `fileIdentity` or a file that cannot be stat'ed.
 */
export class VersionCache {
  readonly #entries = new Map<string, Entry>();

  /** The VERSION answer of the plugin at `pluginPath`: kept, or from `ask` (kept if it succeeds). */
  async versionInfo(
    exec: Exec,
    pluginPath: string,
    signal: AbortSignal | undefined,
    ask: () => Promise<VersionInfo>,
  ): Promise<VersionInfo> {
    if (signal?.aborted || exec.fileIdentity === undefined) return ask();
    let identity: string;
    try {
      identity = await exec.fileIdentity(pluginPath);
    } catch {
      return ask();
    }
    const entry = this.#entries.get(pluginPath);
    if (entry !== undefined && entry.identity === identity) {
      try {
        return copyOf(await untilAborted(entry.answer, signal));
      } catch {
        if (signal?.aborted) return ask();
        // Another operation's VERSION failed: ask on our own, as without the cache.
      }
    }
    return copyOf(await this.#start(pluginPath, identity, ask));
  }

  #start(
    pluginPath: string,
    identity: string,
    ask: () => Promise<VersionInfo>,
  ): Promise<VersionInfo> {
    const answer = ask();
    const entry: Entry = { identity, answer };
    this.#entries.set(pluginPath, entry);
    answer.catch(() => {
      if (this.#entries.get(pluginPath) === entry) this.#entries.delete(pluginPath);
    });
    return answer;
  }
}
