import { describe, expect, test } from 'bun:test';
import { delegateEnv, pluginEnv } from './args.ts';

describe('pluginEnv', () => {
  test('inherits the base environment and always sets the six CNI variables, later winning', () => {
    const env = pluginEnv(
      {
        command: 'ADD',
        containerId: 'c1',
        ifName: 'eth0',
        pluginArgs: [
          ['A', '1'],
          ['B', '2'],
        ],
        path: '/a:/b',
      },
      { PATH: '/usr/bin', CNI_NETNS: '/stale', CNI_COMMAND: 'DEL', UNSET: undefined },
    );
    expect(env).toEqual({
      PATH: '/usr/bin',
      CNI_NETNS: '',
      CNI_COMMAND: 'ADD',
      CNI_CONTAINERID: 'c1',
      CNI_ARGS: 'A=1;B=2',
      CNI_IFNAME: 'eth0',
      CNI_PATH: '/a:/b',
    });
  });

  test('prefers a preformatted CNI_ARGS string', () => {
    const env = pluginEnv({ command: 'DEL', pluginArgs: [['A', '1']], pluginArgsStr: 'X=y' }, {});
    expect(env.CNI_ARGS).toBe('X=y');
  });
});

describe('delegateEnv', () => {
  test('inherits everything and replaces only CNI_COMMAND', () => {
    const base = {
      CNI_COMMAND: 'ADD',
      CNI_PATH: '/opt/cni/bin',
      CNI_IFNAME: 'eth0',
      HOME: '/root',
    };
    expect(delegateEnv('DEL', base)).toEqual({ ...base, CNI_COMMAND: 'DEL' });
  });
});
