import { describe, expect, test } from 'bun:test';
import { runTool, spawnCommand, tryTool } from './command-runner.ts';
import { commandFailed, commandOk, createFakeCommandRunner } from './fake-command-runner.ts';
import { EXIT_TOOL_MISSING, isFirewallNotFound, isFirewallToolMissing } from './firewall-error.ts';

describe('spawnCommand', () => {
  test('passes stdin and returns output and status', () => {
    const result = spawnCommand(['cat'], 'add table inet x\n');
    expect(result).toEqual({ exitCode: 0, stdout: 'add table inet x\n', stderr: '' });
    expect(spawnCommand(['sh', '-c', 'echo oops >&2; exit 3']).exitCode).toBe(3);
  });

  test('reports a missing executable as exit status 127', () => {
    const result = spawnCommand(['cnits-no-such-tool-5d1c']);
    expect(result.exitCode).toBe(EXIT_TOOL_MISSING);
    expect(result.stderr).toContain('executable file not found');
  });
});

describe('runTool', () => {
  test('runs tool + args through the runner and returns stdout', () => {
    const fake = createFakeCommandRunner(() => commandOk('listing\n'));
    expect(runTool('nft', ['-f', '-'], { runner: fake.run }, 'batch\n')).toBe('listing\n');
    expect(fake.calls).toEqual([{ argv: ['nft', '-f', '-'], stdin: 'batch\n' }]);
  });

  test('throws a classified FirewallError on failure', () => {
    const fake = createFakeCommandRunner(() =>
      commandFailed(1, 'Error: No such file or directory\n'),
    );
    expect(() => runTool('nft', ['-j', 'list', 'tables'], { runner: fake.run })).toThrow(
      'running [nft -j list tables]: exit status 1: Error: No such file or directory',
    );
    try {
      runTool('nft', [], { runner: fake.run });
    } catch (error) {
      expect(isFirewallNotFound(error)).toBe(true);
    }
    const missing = createFakeCommandRunner(() => commandFailed(EXIT_TOOL_MISSING, ''));
    try {
      runTool('iptables', ['-S'], { runner: missing.run });
      throw new Error('unreachable');
    } catch (error) {
      expect(isFirewallToolMissing(error)).toBe(true);
    }
  });

  test('tryTool never throws for a failed command', () => {
    const fake = createFakeCommandRunner(() => commandFailed(4, 'denied'));
    expect(tryTool('iptables', ['-S'], { runner: fake.run })).toEqual({
      exitCode: 4,
      stdout: '',
      stderr: 'denied',
    });
  });
});
