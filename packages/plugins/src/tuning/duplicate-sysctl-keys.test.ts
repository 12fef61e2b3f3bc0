import { describe, expect, test } from 'bun:test';
import { isCniError } from '@cni-ts/spec-types';
import { checkDuplicateSysctlKeys, duplicateSysctlKeys } from './duplicate-sysctl-keys.ts';

describe('duplicateSysctlKeys', () => {
  test('finds a key named twice in sysctl, escapes decoded', () => {
    const text = `{"name":"n","sysctl":{"a":"1", "b" : {"x":[1,"}"]}, "\\u0061":"2"},"z":null}`;
    expect(duplicateSysctlKeys(text)).toEqual(['a']);
  });

  test('matches the sysctl key case-insensitively and across repeated sysctl objects', () => {
    expect(duplicateSysctlKeys('{"SYSCTL":{"a":"1"},"sysctl":{"a":"2"}}')).toEqual(['a']);
  });

  test('keys elsewhere do not count; distinct spellings are distinct keys', () => {
    const text = JSON.stringify({
      args: { cni: { sysctl: { a: '1' } } },
      prevResult: { sysctl: { a: '1' } },
      sysctl: { a: '1', 'net.a': '1', 'net/a': '2' },
    });
    expect(duplicateSysctlKeys(text)).toEqual([]);
    expect(duplicateSysctlKeys('{"sysctl":null}')).toEqual([]);
    expect(duplicateSysctlKeys('[]')).toEqual([]);
  });

  test('checkDuplicateSysctlKeys refuses with upstream words and the key (999)', () => {
    let caught: unknown;
    try {
      checkDuplicateSysctlKeys(
        ' {\n "sysctl" :\n {"net.core.somaxconn":"1","net.core.somaxconn":"2"}}',
      );
    } catch (error) {
      caught = error;
    }
    expect(isCniError(caught) && [caught.code, caught.msg]).toEqual([
      999,
      'duplicated sysctl keys are not allowed: "net.core.somaxconn"',
    ]);
  });
});
