import { describe, expect, test } from 'bun:test';
import { errorOf } from '../_testing.ts';
import { CniErrorCode } from '../errors/codes.ts';
import { parseResult } from './parse-result.ts';

describe('parseResult', () => {
  test('reads the shape from cniVersion when no version is given', () => {
    expect(parseResult('{"cniVersion":"0.2.0","ip4":{"ip":"10.0.0.2/24"}}')).toEqual({
      cniVersion: '0.2.0',
      ip4: { ip: '10.0.0.2/24' },
      dns: {},
    });
  });

  test('treats a missing cniVersion as 0.1.0 when no version is given', () => {
    expect(parseResult({ ip4: { ip: '10.0.0.2/24' } }).cniVersion).toBe('0.1.0');
  });

  test('adopts the given version when the result has none, as prevResult parsing does', () => {
    const result = parseResult({ ips: [{ address: '10.0.0.2/24' }] }, '1.0.0');
    expect(result).toEqual({ cniVersion: '1.0.0', ips: [{ address: '10.0.0.2/24' }], dns: {} });
  });

  test('rejects a result of another family than the given version, with upstream text', () => {
    expect(errorOf(() => parseResult({ cniVersion: '0.4.0' }, '1.0.0'))).toEqual({
      code: CniErrorCode.DecodingFailure,
      msg: 'result type supports [1.0.0 1.1.0] but unmarshalled CNIVersion is "0.4.0"',
    });
  });

  test('accepts another version of the same family when a version is given', () => {
    expect(parseResult({ cniVersion: '0.3.1' }, '0.4.0').cniVersion).toBe('0.3.1');
  });

  test('rejects an unknown version with upstream text', () => {
    expect(errorOf(() => parseResult({ cniVersion: '2.0.0' }))).toEqual({
      code: CniErrorCode.DecodingFailure,
      msg: 'unsupported CNI result version "2.0.0"',
    });
    expect(errorOf(() => parseResult({}, '9.9.9')).msg).toBe(
      'unsupported CNI result version "9.9.9"',
    );
  });

  test('matches keys case-insensitively and lets the last duplicate win, as Go', () => {
    const result = parseResult(
      '{"CNIVERSION":"1.0.0","IPs":[{"Address":"10.0.0.2/24"}],"ips":[{"address":"10.0.0.3/24","GATEWAY":"10.0.0.1"}]}',
    );
    expect(result).toEqual({
      cniVersion: '1.0.0',
      ips: [{ address: '10.0.0.3/24', gateway: '10.0.0.1' }],
      dns: {},
    });
  });

  test('drops unknown keys and empty fields, as Go re-marshalling does', () => {
    const result = parseResult({
      cniVersion: '1.1.0',
      extra: true,
      interfaces: [{ name: 'eth0', mac: '', mtu: 0, sandbox: '', metadata: { a: 'b' } }],
      ips: [{ address: '10.0.0.2/24', gateway: '' }],
      routes: [{ dst: '0.0.0.0/0', gw: '', mtu: 0, table: 0 }],
      dns: { nameservers: [], domain: '', junk: 1 },
    });
    expect(result).toEqual({
      cniVersion: '1.1.0',
      interfaces: [{ name: 'eth0' }],
      ips: [{ address: '10.0.0.2/24' }],
      routes: [{ dst: '0.0.0.0/0', table: 0 }],
      dns: {},
    });
  });

  test('prints addresses in Go canonical form and keeps host bits', () => {
    const result = parseResult({
      cniVersion: '1.0.0',
      ips: [{ address: 'FD00:0050::0004/64', gateway: '::ffff:10.0.0.1' }],
      routes: [{ dst: '10.9.8.7/16' }],
    });
    expect(result).toMatchObject({
      ips: [{ address: 'fd00:50::4/64', gateway: '10.0.0.1' }],
      routes: [{ dst: '10.9.8.7/16' }],
    });
  });

  test('rejects null array entries cleanly where Go would panic on conversion', () => {
    expect(errorOf(() => parseResult({ cniVersion: '1.0.0', ips: [null] }))).toEqual({
      code: CniErrorCode.DecodingFailure,
      msg: 'ips[0]: expected an object, got null',
    });
  });

  test('names the key path and the value of a bad address', () => {
    expect(
      errorOf(() => parseResult({ cniVersion: '1.0.0', ips: [{ address: '10.0.0.300/24' }] })),
    ).toEqual({
      code: CniErrorCode.DecodingFailure,
      msg: 'ips[0].address: invalid CIDR "10.0.0.300/24"',
    });
  });

  test('rejects a non-integer interface index', () => {
    expect(
      errorOf(() =>
        parseResult({ cniVersion: '1.0.0', ips: [{ address: '10.0.0.2/24', interface: 1.5 }] }),
      ).msg,
    ).toBe('ips[0].interface: expected an integer, got 1.5');
  });

  test('gives code 6 for undecodable JSON and for a non-object', () => {
    expect(errorOf(() => parseResult('{')).code).toBe(CniErrorCode.DecodingFailure);
    expect(errorOf(() => parseResult('[]'))).toEqual({
      code: CniErrorCode.DecodingFailure,
      msg: 'result must be a JSON object',
    });
  });

  test('accepts bytes as input', () => {
    const bytes = new TextEncoder().encode('{"cniVersion":"1.0.0"}');
    expect(parseResult(bytes)).toEqual({ cniVersion: '1.0.0', dns: {} });
  });
});
