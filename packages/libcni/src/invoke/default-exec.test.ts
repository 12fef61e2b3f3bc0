import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { chmodSync, closeSync, existsSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isCniError } from '@cni-ts/spec-types';
import { makePluginDir, type PluginDir } from '../../test/_plugins.ts';
import { isAborted } from '../errors/is-aborted.ts';
import { pluginEnv } from './args.ts';
import { DefaultExec } from './default-exec.ts';

let plugins: PluginDir;
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const text = (data: Uint8Array): string => new TextDecoder().decode(data);

beforeAll(() => {
  plugins = makePluginDir({ noop: 'noop', slow: 'slow', garbage: 'garbage' });
});

afterAll(() => {
  plugins.remove();
});

function env(command: string): Record<string, string> {
  return pluginEnv({ command, containerId: 'c1', ifName: 'eth0', path: plugins.dir }, plugins.env);
}

/** Collects what is written to it. */
function sink(): { write(chunk: Uint8Array): void; text(): string } {
  const chunks: Uint8Array[] = [];
  return { write: (chunk) => void chunks.push(chunk), text: () => text(Buffer.concat(chunks)) };
}

async function failure(run: Promise<unknown>): Promise<Error> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof Error)) throw new Error('expected a failure');
  return error;
}

async function waitFor(check: () => boolean): Promise<void> {
  while (!check()) await Bun.sleep(10);
}

describe('DefaultExec', () => {
  test('runs the plugin with exactly the environment and stdin given; stderr goes to the sink', async () => {
    plugins.debug('noop', { result: { cniVersion: '1.0.0' }, stderr: 'a warning\n' });
    const stderr = sink();
    const exec = new DefaultExec({ stderr });
    const stdin = '{"cniVersion":"1.0.0","name":"n","type":"noop"}';
    const out = await exec.execPlugin(join(plugins.dir, 'noop'), bytes(stdin), env('ADD'));
    expect(JSON.parse(text(out))).toEqual({ cniVersion: '1.0.0' });
    expect(stderr.text()).toBe('a warning\n');
    const [call] = plugins.calls('noop').slice(-1);
    expect(call?.stdin).toBe(stdin);
    expect(call?.env).toEqual({
      CNI_COMMAND: 'ADD',
      CNI_CONTAINERID: 'c1',
      CNI_NETNS: '',
      CNI_ARGS: '',
      CNI_IFNAME: 'eth0',
      CNI_PATH: plugins.dir,
      CNI_TEST_DEBUG_DIR: plugins.debugDir,
    });
  });

  test("a failing plugin's error object becomes a CniError with its code, msg and details", async () => {
    plugins.debug('noop', {
      error: { code: 11, msg: 'try again', details: 'lock held' },
      stderr: 'x',
    });
    const stderr = sink();
    const error = await failure(
      new DefaultExec({ stderr }).execPlugin(join(plugins.dir, 'noop'), bytes('{}'), env('DEL')),
    );
    expect(isCniError(error) && [error.code, error.msg, error.details]).toEqual([
      11,
      'try again',
      'lock held',
    ]);
    expect(stderr.text()).toBe('');
  });

  test('a plugin that fails with only stderr: the quoted stderr and the exit status', async () => {
    plugins.debug('noop', { stderr: 'it broke\n', exitCode: 3 });
    const error = await failure(
      new DefaultExec().execPlugin(join(plugins.dir, 'noop'), bytes('{}'), env('DEL')),
    );
    expect(error.message).toBe('netplugin failed: "it broke\\n": exit status 3');
  });

  test('a plugin printing garbage and failing', async () => {
    const error = await failure(
      new DefaultExec().execPlugin(
        join(plugins.dir, 'garbage'),
        bytes('{"exitCode":1}'),
        env('ADD'),
      ),
    );
    expect(error.message).toBe(
      'netplugin failed but error parsing its diagnostic message "garbage <not json>\\n": invalid character \'g\' looking for beginning of value',
    );
  });

  test('a missing or non-executable binary', async () => {
    const exec = new DefaultExec();
    const missing = join(plugins.dir, 'absent');
    expect((await failure(exec.execPlugin(missing, bytes('{}'), env('ADD')))).message).toBe(
      `netplugin failed with no error message: fork/exec ${missing}: no such file or directory`,
    );
    const plain = join(plugins.dir, 'plain');
    writeFileSync(plain, '#!/bin/sh\n');
    chmodSync(plain, 0o644);
    expect((await failure(exec.execPlugin(plain, bytes('{}'), env('ADD')))).message).toBe(
      `netplugin failed with no error message: fork/exec ${plain}: permission denied`,
    );
  });

  describe('abort', () => {
    test('sends SIGTERM: a plugin handling it reports its own error', async () => {
      const marker = join(plugins.root, 'term.marker');
      const controller = new AbortController();
      const run = new DefaultExec().execPlugin(
        join(plugins.dir, 'slow'),
        bytes(JSON.stringify({ markerFile: marker })),
        env('ADD'),
        { signal: controller.signal },
      );
      await waitFor(() => existsSync(marker));
      controller.abort();
      const error = await failure(run);
      expect(isCniError(error) && [error.code, error.msg]).toEqual([11, 'interrupted by SIGTERM']);
      expect(isAborted(error)).toBe(true);
      expect(readFileSync(marker, 'utf8')).toContain('SIGTERM');
    });

    test('sends SIGKILL after the grace period to a plugin ignoring SIGTERM', async () => {
      const marker = join(plugins.root, 'kill.marker');
      const controller = new AbortController();
      const run = new DefaultExec({ killGracePeriodMs: 200 }).execPlugin(
        join(plugins.dir, 'slow'),
        bytes(JSON.stringify({ markerFile: marker, ignoreSigterm: true })),
        env('ADD'),
        { signal: controller.signal },
      );
      await waitFor(() => existsSync(marker));
      controller.abort();
      const error = await failure(run);
      expect(error.message).toBe('netplugin failed with no error message: signal: killed');
      expect(isAborted(error)).toBe(true);
      await waitFor(() => readFileSync(marker, 'utf8').includes('SIGTERM'));
    });

    test('a timeout signal ends the plugin the same way', async () => {
      const marker = join(plugins.root, 'timeout.marker');
      const error = await failure(
        new DefaultExec().execPlugin(
          join(plugins.dir, 'slow'),
          bytes(JSON.stringify({ markerFile: marker })),
          env('ADD'),
          { signal: AbortSignal.timeout(300) },
        ),
      );
      // Depending on how far the plugin got, it reports SIGTERM itself or dies of it.
      expect(error.message).toMatch(
        /^(interrupted by SIGTERM|netplugin failed with no error message: signal: terminated)$/,
      );
      expect(isAborted(error)).toBe(true);
    });

    test('an already aborted signal starts nothing', async () => {
      const before = plugins.calls('noop').length;
      const exec = new DefaultExec();
      const canceled = await failure(
        exec.execPlugin(join(plugins.dir, 'noop'), bytes('{}'), env('ADD'), {
          signal: AbortSignal.abort(),
        }),
      );
      expect(canceled.message).toBe('netplugin failed with no error message: context canceled');
      const timedOut = await failure(
        exec.execPlugin(join(plugins.dir, 'noop'), bytes('{}'), env('ADD'), {
          signal: AbortSignal.abort(new DOMException('late', 'TimeoutError')),
        }),
      );
      expect(timedOut.message).toBe(
        'netplugin failed with no error message: context deadline exceeded',
      );
      expect(plugins.calls('noop').length).toBe(before);
    });
  });

  describe('text file busy', () => {
    test('starts a new process once the binary is no longer being written', async () => {
      const path = plugins.install('busy', 'noop');
      plugins.debug('busy', {});
      let writer: number | undefined = openSync(path, 'r+');
      // Close exactly once: a second close could hit a descriptor reused meanwhile.
      const release = (): void => {
        if (writer !== undefined) closeSync(writer);
        writer = undefined;
      };
      const timer = setTimeout(release, 1000);
      try {
        const out = await new DefaultExec().execPlugin(
          path,
          bytes('{"cniVersion":"1.0.0"}'),
          env('ADD'),
        );
        expect(JSON.parse(text(out)).cniVersion).toBe('1.0.0');
        expect(plugins.calls('busy').length).toBe(1);
      } finally {
        clearTimeout(timer);
        release();
      }
    });

    test('gives up after the last attempt with the start error', async () => {
      const path = plugins.install('always-busy', 'noop');
      const writer = openSync(path, 'r+');
      try {
        const exec = new DefaultExec({ textBusyAttempts: 3, textBusyDelayMs: 20 });
        const error = await failure(exec.execPlugin(path, bytes('{}'), env('ADD')));
        expect(error.message).toBe(
          `netplugin failed with no error message: fork/exec ${path}: text file busy`,
        );
      } finally {
        closeSync(writer);
      }
    });
  });
});
