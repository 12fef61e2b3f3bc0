import { describe, expect, test } from 'bun:test';
import { CniErrorCode } from '../errors/codes.ts';
import { validateContainerId, validateInterfaceName, validateNetworkName } from './names.ts';

describe('validateContainerId', () => {
  test('uses code 3 for a missing ID and code 4 for bad characters, as upstream', () => {
    expect(() => validateContainerId('')).toThrow(
      expect.objectContaining({ code: CniErrorCode.UnknownContainer, msg: 'missing containerID' }),
    );
    expect(() => validateContainerId('-abc')).toThrow(
      expect.objectContaining({
        code: 4,
        msg: 'invalid characters in containerID',
        details: '-abc',
      }),
    );
    expect(() => validateContainerId('cnitool-0123abcd_x.y-z')).not.toThrow();
  });
});

describe('validateNetworkName', () => {
  test('uses code 7 with upstream texts', () => {
    expect(() => validateNetworkName('')).toThrow(
      expect.objectContaining({ code: 7, msg: 'missing network name' }),
    );
    expect(() => validateNetworkName('bad/name')).toThrow(
      expect.objectContaining({
        code: 7,
        msg: 'invalid characters found in network name',
        details: 'bad/name',
      }),
    );
  });
});

describe('validateInterfaceName', () => {
  test.each([
    ['', 'interface name is empty'],
    ['a-very-long-name', 'interface name is too long'],
    ['ééééééééé', 'interface name is too long'],
    ['.', 'interface name is . or ..'],
    ['..', 'interface name is . or ..'],
    ['eth/0', 'interface name contains / or : or whitespace characters'],
    ['eth:0', 'interface name contains / or : or whitespace characters'],
    ['eth 0', 'interface name contains / or : or whitespace characters'],
    ['eth\u00a00', 'interface name contains / or : or whitespace characters'],
  ])('rejects %p with code 4: %s', (name, msg) => {
    expect(() => validateInterfaceName(name)).toThrow(expect.objectContaining({ code: 4, msg }));
  });

  test('accepts 15 bytes exactly', () => {
    expect(() => validateInterfaceName('abcdefghijklmno')).not.toThrow();
  });
});
