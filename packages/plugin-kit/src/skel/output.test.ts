import { describe, expect, test } from 'bun:test';
import { CniError, type Result100 } from '@cni-ts/spec-types';
import { formatError, formatResult, toCniError } from './output.ts';

const RESULT: Result100 = {
  cniVersion: '1.1.0',
  interfaces: [
    { name: 'cni0', mac: 'ca:f4:56:98:57:41' },
    { name: 'eth0', mac: '6a:68:17:12:de:39', sandbox: '/var/run/netns/c1' },
  ],
  ips: [{ interface: 1, address: '10.244.50.4/24', gateway: '10.244.50.1' }],
  routes: [{ dst: '0.0.0.0/0', gw: '10.244.50.1' }],
};

describe('toCniError', () => {
  test('passes a CniError through as the same object', () => {
    const error = new CniError(11, 'try again later', { details: 'lock busy' });
    expect(toCniError(error)).toBe(error);
  });

  test('wraps other errors as 999 with the message and the kind', () => {
    const wrapped = toCniError(new TypeError('x is not a function'));
    expect(wrapped.toJSON()).toEqual({
      code: 999,
      msg: 'x is not a function',
      details: 'TypeError',
    });
    expect(toCniError(new Error('boom')).toJSON()).toEqual({
      code: 999,
      msg: 'boom',
      details: 'Error',
    });
  });

  test('wraps thrown non-errors as 999', () => {
    expect(toCniError('oops').toJSON()).toEqual({
      code: 999,
      msg: 'oops',
      details: 'thrown string',
    });
  });
});

describe('formatError', () => {
  test('prints as Go prints types.Error: four-space indent, no newline, no cniVersion', () => {
    expect(formatError(new CniError(4, 'required env variables [CNI_PATH] missing'))).toBe(
      '{\n    "code": 4,\n    "msg": "required env variables [CNI_PATH] missing"\n}',
    );
    expect(formatError(new CniError(1, 'incompatible CNI versions', { details: 'x "y"' }))).toBe(
      '{\n    "code": 1,\n    "msg": "incompatible CNI versions",\n    "details": "x \\"y\\""\n}',
    );
  });
});

describe('formatResult', () => {
  test('prints a 1.x result as PrintResult does', () => {
    expect(formatResult(RESULT, '1.0.0')).toBe(
      [
        '{',
        '    "cniVersion": "1.0.0",',
        '    "interfaces": [',
        '        {',
        '            "name": "cni0",',
        '            "mac": "ca:f4:56:98:57:41"',
        '        },',
        '        {',
        '            "name": "eth0",',
        '            "mac": "6a:68:17:12:de:39",',
        '            "sandbox": "/var/run/netns/c1"',
        '        }',
        '    ],',
        '    "ips": [',
        '        {',
        '            "interface": 1,',
        '            "address": "10.244.50.4/24",',
        '            "gateway": "10.244.50.1"',
        '        }',
        '    ],',
        '    "routes": [',
        '        {',
        '            "dst": "0.0.0.0/0",',
        '            "gw": "10.244.50.1"',
        '        }',
        '    ],',
        '    "dns": {}',
        '}',
      ].join('\n'),
    );
  });

  test('converts to a 0.3.x/0.4.0 result', () => {
    const printed = JSON.parse(formatResult(RESULT, '0.3.1'));
    expect(printed.cniVersion).toBe('0.3.1');
    expect(printed.ips).toEqual([
      { version: '4', interface: 1, address: '10.244.50.4/24', gateway: '10.244.50.1' },
    ]);
  });

  test('converts to a 0.2.0 result', () => {
    expect(formatResult(RESULT, '0.2.0')).toBe(
      [
        '{',
        '    "cniVersion": "0.2.0",',
        '    "ip4": {',
        '        "ip": "10.244.50.4/24",',
        '        "gateway": "10.244.50.1",',
        '        "routes": [',
        '            {',
        '                "dst": "0.0.0.0/0",',
        '                "gw": "10.244.50.1"',
        '            }',
        '        ]',
        '    },',
        '    "dns": {}',
        '}',
      ].join('\n'),
    );
  });
});
