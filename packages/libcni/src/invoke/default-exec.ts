import { CniError, CniErrorCode, parseVersionInfo, type VersionInfo } from '@cni-ts/spec-types';
import { errorCode } from '../go/_errno.ts';
import { abortText, exitText, startErrorText } from './_exit-text.ts';
import { pluginFailure } from './_plugin-failure.ts';
import { runProcess } from './_run-process.ts';
import { sleep } from './_sleep.ts';
import type { Environment, Exec, ExecPluginOptions, StderrSink } from './exec.ts';
import { fileIdentity } from './file-identity.ts';
import { findInPath } from './find-in-path.ts';

/** The default grace period between SIGTERM and SIGKILL when a run is aborted. */
export const DEFAULT_KILL_GRACE_PERIOD_MS = 5000;

/** Options of {@link DefaultExec}. */
export interface DefaultExecOptions {
  /** Where a successful plugin's stderr goes; default `process.stderr`. */
  readonly stderr?: StderrSink | undefined;
  /** Milliseconds between SIGTERM and SIGKILL when a run is aborted (default 5000). */
  readonly killGracePeriodMs?: number | undefined;
  /** How many times to start a plugin whose binary is busy being written (default 6). */
  readonly textBusyAttempts?: number | undefined;
  /** Milliseconds between those attempts (default 1000). */
  readonly textBusyDelayMs?: number | undefined;
}

function definedEnv(env: Environment): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined) out[key] = value;
  return out;
}

/**
 * Runs plugins as child processes with Bun.spawn: upstream's RawExec plus PluginDecoder.
 * - The environment is exactly the one given; the config goes to stdin.
 * - On success stdout is returned and any stderr is copied to the `stderr` sink.
 * - On failure the error is built from stdout/stderr with upstream's texts.
 * - A binary that is busy being written (ETXTBSY) is started again, up to 6 times 1 s
 *   apart, each time as a new process.
 * - Aborting the signal sends SIGTERM, then SIGKILL after the grace period.
 * - A plugin file's identity is its device, inode, size and times (one stat), so a
 *   `CniConfig` notices a new binary before trusting a VERSION answer it kept.
 */
export class DefaultExec implements Exec {
  readonly #options: DefaultExecOptions;

  constructor(options: DefaultExecOptions = {}) {
    this.#options = options;
  }

  async execPlugin(
    pluginPath: string,
    stdin: Uint8Array,
    env: Environment,
    options: ExecPluginOptions = {},
  ): Promise<Uint8Array> {
    const { signal } = options;
    const attempts = Math.max(1, this.#options.textBusyAttempts ?? 6);
    const processEnv = definedEnv(env);
    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted) {
        throw new CniError(
          CniErrorCode.Unknown,
          `netplugin failed with no error message: ${abortText(signal.reason)}`,
          { cause: signal.reason },
        );
      }
      let outcome: Awaited<ReturnType<typeof runProcess>>;
      try {
        outcome = await runProcess(pluginPath, stdin, processEnv, {
          signal,
          killGracePeriodMs: this.#options.killGracePeriodMs ?? DEFAULT_KILL_GRACE_PERIOD_MS,
        });
      } catch (error) {
        if (errorCode(error) === 'ETXTBSY' && attempt < attempts) {
          await sleep(this.#options.textBusyDelayMs ?? 1000, signal);
          continue;
        }
        throw new CniError(
          CniErrorCode.Unknown,
          `netplugin failed with no error message: ${startErrorText(pluginPath, error)}`,
          { cause: error },
        );
      }
      const { stdout, stderr, exitCode, signal: killedBy, aborted } = outcome;
      if (exitCode === 0 && killedBy === null) {
        if (stderr.length > 0) (this.#options.stderr ?? process.stderr).write(stderr);
        return stdout;
      }
      throw pluginFailure(
        stdout,
        stderr,
        exitText(exitCode, killedBy),
        aborted ? signal?.reason : undefined,
      );
    }
  }

  findInPath(plugin: string, paths: readonly string[]): Promise<string> {
    return findInPath(plugin, paths);
  }

  decode(output: Uint8Array): VersionInfo {
    return parseVersionInfo(output);
  }

  /** Device, inode, size and times of the file, from one stat (see `fileIdentity`). */
  fileIdentity(pluginPath: string): Promise<string> {
    return fileIdentity(pluginPath);
  }
}
