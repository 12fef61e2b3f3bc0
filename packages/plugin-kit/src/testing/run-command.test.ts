import { describe, expect, test } from 'bun:test';
import { type CommandFailedError, isCommandFailed, runCommand } from './run-command.ts';

function failure(run: () => unknown): CommandFailedError {
  try {
    run();
  } catch (error) {
    if (isCommandFailed(error)) return error;
    throw error;
  }
  throw new Error('the command did not fail');
}

describe('runCommand', () => {
  test('returns what the command printed', () => {
    const out = runCommand(['sh', '-c', 'cat; echo warn >&2'], { stdin: 'in\n' });
    expect(out).toEqual({ stdout: 'in\n', stderr: 'warn\n' });
  });

  test('passes cwd and env', () => {
    const out = runCommand(['sh', '-c', 'pwd; echo "$X"'], { cwd: '/', env: { X: 'y' } });
    expect(out.stdout).toBe('/\ny\n');
  });

  test('a non-zero exit names the command, the status and both outputs', () => {
    const error = failure(() => runCommand(['sh', '-c', 'echo out; echo bad thing >&2; exit 3']));
    expect(error.exitCode).toBe(3);
    expect(error.signal).toBeNull();
    expect(error.message).toBe(
      'sh -c echo out; echo bad thing >&2; exit 3 exited with status 3\nstderr: bad thing\nstdout: out',
    );
  });

  test('a child ended by SIGTERM says so, also with nothing on stderr', () => {
    const error = failure(() => runCommand(['sh', '-c', 'kill -TERM $$']));
    expect(error.signal).toBe('SIGTERM');
    expect(error.message).toContain('was killed by SIGTERM (a test time-out ends children so)');
    expect(error.message).toContain('stderr: (empty)');
  });

  test('long output keeps its end', () => {
    const error = failure(() => runCommand(['sh', '-c', 'seq 1 5000 >&2; exit 1']));
    expect(error.message).toContain('stderr: …');
    expect(error.message).toEndWith('4999\n5000');
    expect(error.message.length).toBeLessThan(4200);
  });

  test('a long argument (a JSON request) keeps its first 200 characters in the message', () => {
    const request = JSON.stringify({ ops: 'x'.repeat(500) });
    const error = failure(() => runCommand(['sh', '-c', 'exit 1', request]));
    expect(error.message.split('\n')[0]).toBe(
      `sh -c exit 1 ${request.slice(0, 200)}… exited with status 1`,
    );
    expect(error.argv[3]).toBe(request);
  });

  test('a missing executable throws as Bun does', () => {
    expect(() => runCommand(['/nonexistent/cnits-tool'])).toThrow();
  });
});
