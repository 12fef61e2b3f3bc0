import { describe, expect, test } from 'bun:test';
import { CniError, isCniError } from './cni-error.ts';
import { CniErrorCode } from './codes.ts';
import { stringifyError } from './stringify-error.ts';

describe('CniError', () => {
  test('serialises in the spec shape without empty details', () => {
    expect(new CniError(7, 'bad').toJSON()).toEqual({ code: 7, msg: 'bad' });
    expect(JSON.stringify(new CniError(1, 'incompatible CNI versions', { details: 'x' }))).toBe(
      '{"code":1,"msg":"incompatible CNI versions","details":"x"}',
    );
  });

  test('carries cniVersion first when one is set', () => {
    expect(Object.keys(new CniError(50, 'down', { cniVersion: '1.1.0' }).toJSON())).toEqual([
      'cniVersion',
      'code',
      'msg',
    ]);
  });

  test('reads as upstream: msg, or msg; details', () => {
    expect(new CniError(4, 'a', { details: 'b' }).message).toBe('a; b');
  });

  test('names the well-known codes as the spec numbers them', () => {
    expect(CniErrorCode).toMatchObject({
      IncompatibleCniVersion: 1,
      UnsupportedField: 2,
      UnknownContainer: 3,
      InvalidEnvironmentVariables: 4,
      IoFailure: 5,
      DecodingFailure: 6,
      InvalidNetworkConfig: 7,
      TryAgainLater: 11,
      PluginNotAvailable: 50,
      LimitedConnectivity: 51,
    });
  });
});

describe('isCniError', () => {
  test('recognises CniError and rejects other errors', () => {
    expect(isCniError(new CniError(11, 'later'))).toBe(true);
    expect(isCniError(new Error('x'))).toBe(false);
    expect(isCniError({ code: 1, msg: 'x' })).toBe(false);
  });
});

describe('stringifyError', () => {
  test('prints as skel does, indented by four spaces without a newline', () => {
    expect(stringifyError(new CniError(999, 'a <b>'))).toBe(
      '{\n    "code": 999,\n    "msg": "a \\u003cb\\u003e"\n}',
    );
  });
});
