import { describe, expect, test } from 'bun:test';
import { CNI_COMMANDS, type CniCommand, isCniError } from '@cni-ts/spec-types';
import {
  type EnvRecord,
  isDebugEnv,
  isNetnsOverride,
  REQUIRED_ENV,
  readCniEnv,
  splitCniPath,
} from './env.ts';

const FULL: EnvRecord = {
  CNI_CONTAINERID: 'ctr-1',
  CNI_NETNS: '/var/run/netns/c1',
  CNI_IFNAME: 'eth0',
  CNI_ARGS: 'K=V',
  CNI_PATH: '/opt/cni/bin',
  CNI_NETNS_OVERRIDE: '1',
};

function errorOf(env: EnvRecord): { code: number; msg: string; details?: string } {
  try {
    readCniEnv(env);
  } catch (error) {
    if (!isCniError(error)) throw error;
    return error.details === undefined
      ? { code: error.code, msg: error.msg }
      : { code: error.code, msg: error.msg, details: error.details };
  }
  throw new Error('expected a CniError');
}

// Upstream skel's table (reference §4): what each command requires.
const TABLE: Record<CniCommand, string[]> = {
  ADD: ['CNI_COMMAND', 'CNI_CONTAINERID', 'CNI_NETNS', 'CNI_IFNAME', 'CNI_PATH'],
  CHECK: ['CNI_COMMAND', 'CNI_CONTAINERID', 'CNI_NETNS', 'CNI_IFNAME', 'CNI_PATH'],
  DEL: ['CNI_COMMAND', 'CNI_CONTAINERID', 'CNI_IFNAME', 'CNI_PATH'],
  GC: ['CNI_COMMAND', 'CNI_PATH'],
  STATUS: ['CNI_COMMAND', 'CNI_PATH'],
  VERSION: ['CNI_COMMAND'],
};

describe('REQUIRED_ENV', () => {
  test('matches upstream skel for every command', () => {
    const table: Readonly<Record<CniCommand, readonly string[]>> = REQUIRED_ENV;
    expect(table).toEqual(TABLE);
  });
});

describe('readCniEnv', () => {
  for (const command of CNI_COMMANDS) {
    const required = TABLE[command].filter((name) => name !== 'CNI_COMMAND');

    test(`${command}: succeeds with only the required variables`, () => {
      const env: Record<string, string> = { CNI_COMMAND: command };
      for (const name of required) env[name] = FULL[name] ?? '';
      expect(readCniEnv(env).command).toBe(command);
    });

    test(`${command}: reports every missing required variable together, in upstream's order`, () => {
      if (required.length === 0) return;
      expect(errorOf({ CNI_COMMAND: command })).toEqual({
        code: 4,
        msg: `required env variables [${required.join(',')}] missing`,
      });
    });

    test(`${command}: an empty required variable counts as missing`, () => {
      for (const name of required) {
        expect(errorOf({ ...FULL, CNI_COMMAND: command, [name]: '' })).toEqual({
          code: 4,
          msg: `required env variables [${name}] missing`,
        });
      }
    });

    test(`${command}: optional variables may be missing`, () => {
      const env: Record<string, string> = { CNI_COMMAND: command };
      for (const name of required) env[name] = FULL[name] ?? '';
      const read = readCniEnv(env);
      expect(read.args).toBe('');
      expect(read.netnsOverride).toBe('');
    });
  }

  test('reads every variable as given', () => {
    expect(readCniEnv({ ...FULL, CNI_COMMAND: 'ADD' })).toEqual({
      command: 'ADD',
      containerId: 'ctr-1',
      netns: '/var/run/netns/c1',
      ifName: 'eth0',
      args: 'K=V',
      path: '/opt/cni/bin',
      netnsOverride: '1',
    });
  });

  test('DEL does not need CNI_NETNS', () => {
    expect(readCniEnv({ ...FULL, CNI_COMMAND: 'DEL', CNI_NETNS: '' }).netns).toBe('');
  });

  test('a missing CNI_COMMAND is reported alone (nothing else is required then)', () => {
    expect(errorOf({})).toEqual({ code: 4, msg: 'required env variables [CNI_COMMAND] missing' });
    expect(errorOf({ ...FULL, CNI_CONTAINERID: 'bad id' })).toEqual({
      code: 4,
      msg: 'required env variables [CNI_COMMAND] missing',
    });
  });

  test('an unknown command requires only CNI_COMMAND and validates nothing', () => {
    expect(readCniEnv({ CNI_COMMAND: 'FOO', CNI_IFNAME: 'a/b' }).command).toBe('FOO');
    expect(readCniEnv({ CNI_COMMAND: 'add' }).command).toBe('add');
  });

  test('validates the container ID at once: code 4 for bad characters', () => {
    expect(errorOf({ ...FULL, CNI_COMMAND: 'ADD', CNI_CONTAINERID: '-bad' })).toEqual({
      code: 4,
      msg: 'invalid characters in containerID',
      details: '-bad',
    });
  });

  test('validates the interface name at once: code 4 with upstream texts', () => {
    expect(errorOf({ ...FULL, CNI_COMMAND: 'CHECK', CNI_IFNAME: 'a/b' })).toEqual({
      code: 4,
      msg: 'interface name contains / or : or whitespace characters',
    });
    expect(errorOf({ ...FULL, CNI_COMMAND: 'DEL', CNI_IFNAME: 'a-very-long-name0' })).toEqual({
      code: 4,
      msg: 'interface name is too long',
      details: 'interface name should be less than 16 characters',
    });
  });

  test('a validation error wins over missing variables', () => {
    expect(errorOf({ CNI_COMMAND: 'ADD', CNI_IFNAME: '..' })).toEqual({
      code: 4,
      msg: 'interface name is . or ..',
    });
    expect(errorOf({ CNI_COMMAND: 'ADD', CNI_CONTAINERID: 'a b', CNI_IFNAME: '..' })).toEqual({
      code: 4,
      msg: 'invalid characters in containerID',
      details: 'a b',
    });
  });

  test('does not validate variables the command does not require', () => {
    const env = { CNI_CONTAINERID: 'bad id', CNI_IFNAME: 'a/b', CNI_PATH: '/opt/cni/bin' };
    expect(readCniEnv({ ...env, CNI_COMMAND: 'GC' }).containerId).toBe('bad id');
    expect(readCniEnv({ ...env, CNI_COMMAND: 'STATUS' }).ifName).toBe('a/b');
    expect(readCniEnv({ ...env, CNI_COMMAND: 'VERSION' }).command).toBe('VERSION');
  });
});

describe('isNetnsOverride', () => {
  test('is true for 1 and true in any case only', () => {
    for (const value of ['1', 'true', 'TRUE', 'True']) expect(isNetnsOverride(value)).toBe(true);
    for (const value of ['', '0', 'false', 'yes', ' 1']) expect(isNetnsOverride(value)).toBe(false);
  });
});

describe('splitCniPath', () => {
  test('splits on colons and drops empty entries', () => {
    expect(splitCniPath('/opt/cni/bin:/usr/lib/cni')).toEqual(['/opt/cni/bin', '/usr/lib/cni']);
    expect(splitCniPath('')).toEqual([]);
    expect(splitCniPath('/a::/b:')).toEqual(['/a', '/b']);
  });
});

describe('isDebugEnv', () => {
  test('is on for CNI_TS_DEBUG=1 or true', () => {
    expect(isDebugEnv({ CNI_TS_DEBUG: '1' })).toBe(true);
    expect(isDebugEnv({ CNI_TS_DEBUG: 'true' })).toBe(true);
    expect(isDebugEnv({ CNI_TS_DEBUG: '0' })).toBe(false);
    expect(isDebugEnv({})).toBe(false);
  });
});
