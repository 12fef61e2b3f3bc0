import { describe, expect, test } from 'bun:test';
import { spawnCommandAsync } from './command-runner-async.ts';
import { EXIT_TOOL_MISSING } from './firewall-error.ts';

describe('spawnCommandAsync', () => {
  test('feeds stdin and collects output and exit code', async () => {
    expect(await spawnCommandAsync(['cat'], 'hello')).toEqual({
      exitCode: 0,
      stdout: 'hello',
      stderr: '',
    });
    expect((await spawnCommandAsync(['sh', '-c', 'echo no >&2; exit 3'])).exitCode).toBe(3);
  });

  test('reports a missing executable as exit 127 with Go exec text', async () => {
    const result = await spawnCommandAsync(['cnits-no-such-tool']);
    expect(result.exitCode).toBe(EXIT_TOOL_MISSING);
    expect(result.stderr).toBe('exec: "cnits-no-such-tool": executable file not found in $PATH');
  });
});
