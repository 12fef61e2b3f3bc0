import { describe, expect, test } from 'bun:test';
import { CniErrorCode } from '../errors/codes.ts';
import { formatCniArgs, parseArgsBool, parseCniArgs } from './cni-args.ts';

describe('parseCniArgs', () => {
  test('returns nothing when given an empty string', () => {
    expect(parseCniArgs('')).toEqual({});
  });

  test('returns every pair when no keys are declared', () => {
    expect(parseCniArgs('IP=10.0.0.5;MAC=02:00:00:00:00:01')).toEqual({
      IP: '10.0.0.5',
      MAC: '02:00:00:00:00:01',
    });
  });

  test('rejects a pair that does not split into two parts, with upstream text', () => {
    for (const bad of ['IP', 'A=b=c', 'IP=1;', ';IP=1']) {
      const pair = bad.split(';').find((p) => p.split('=').length !== 2);
      expect(() => parseCniArgs(bad)).toThrow(
        expect.objectContaining({
          code: CniErrorCode.InvalidEnvironmentVariables,
          msg: `ARGS: invalid pair ${JSON.stringify(pair)}`,
        }),
      );
    }
  });

  test('rejects unknown keys in upstream format unless IgnoreUnknown is set', () => {
    expect(() => parseCniArgs('FOO=bar;IP=1.2.3.4;X=y', { known: ['IP'] })).toThrow(
      expect.objectContaining({ msg: 'ARGS: unknown args ["FOO=bar" "X=y"]' }),
    );
    expect(parseCniArgs('FOO=bar;IP=1.2.3.4;IgnoreUnknown=1', { known: ['IP'] })).toEqual({
      IP: '1.2.3.4',
    });
    expect(parseCniArgs('IgnoreUnknown=TRUE;K8S_POD_NAME=x', { known: ['IP'] })).toEqual({});
    expect(parseCniArgs('K8S_POD_NAME=x', { known: [], ignoreUnknown: true })).toEqual({});
  });

  test('matches keys case-sensitively, as Go field names', () => {
    expect(() => parseCniArgs('ip=1.2.3.4', { known: ['IP'] })).toThrow(
      expect.objectContaining({ msg: 'ARGS: unknown args ["ip=1.2.3.4"]' }),
    );
  });

  test('rejects an IgnoreUnknown that is not a boolean', () => {
    expect(() => parseCniArgs('IgnoreUnknown=yes')).toThrow(
      expect.objectContaining({
        msg: 'ARGS: error parsing value of pair "IgnoreUnknown=yes": boolean unmarshal error: invalid input yes',
      }),
    );
  });

  test('lets the last value win when a key repeats', () => {
    expect(parseCniArgs('IP=1;IP=2')).toEqual({ IP: '2' });
  });

  test('keeps __proto__ as a plain key', () => {
    const args = parseCniArgs('__proto__=x');
    expect(Object.keys(args)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(args)).toBe(Object.prototype);
  });
});

describe('parseArgsBool', () => {
  test('accepts 1/true/0/false in any case', () => {
    expect(parseArgsBool('K=True', 'True')).toBe(true);
    expect(parseArgsBool('K=0', '0')).toBe(false);
    expect(() => parseArgsBool('K=2', '2')).toThrow();
  });
});

describe('formatCniArgs', () => {
  test('joins pairs with ; as libcni does', () => {
    expect(
      formatCniArgs([
        ['IgnoreUnknown', '1'],
        ['IP', '10.0.0.5'],
      ]),
    ).toBe('IgnoreUnknown=1;IP=10.0.0.5');
  });
});
