import { describe, expect, test } from 'bun:test';
import { cniErrorOf } from './_test-helpers.ts';
import { checkNetConf, configVersion } from './netconf-check.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('checkNetConf', () => {
  test('returns the decoded object and the name', () => {
    const conf = checkNetConf(bytes('{"name":"net1","type":"bridge","x":[1]}'));
    expect(conf.name).toBe('net1');
    expect(conf.raw).toEqual({ name: 'net1', type: 'bridge', x: [1] });
  });

  test('undecodable JSON is code 6 with Go texts', () => {
    // Recorded from the Go loopback plugin.
    expect(cniErrorOf(() => checkNetConf(bytes('{x')))).toEqual({
      code: 6,
      msg: "error unmarshall network config: invalid character 'x' looking for beginning of object key string",
    });
    expect(cniErrorOf(() => checkNetConf(bytes('')))).toEqual({
      code: 6,
      msg: 'error unmarshall network config: unexpected end of JSON input',
    });
    expect(cniErrorOf(() => checkNetConf(bytes('{"a":1}x')))).toEqual({
      code: 6,
      msg: "error unmarshall network config: invalid character 'x' after top-level value",
    });
  });

  test('a JSON value that is not an object is code 6 as Go words it', () => {
    expect(cniErrorOf(() => checkNetConf(bytes('[]')))).toEqual({
      code: 6,
      msg: 'error unmarshall network config: json: cannot unmarshal array into Go value of type struct { Name string "json:\\"name\\"" }',
    });
  });

  test('a name that is not a string is code 6', () => {
    expect(cniErrorOf(() => checkNetConf(bytes('{"name":3}')))).toEqual({
      code: 6,
      msg: 'error unmarshall network config: json: cannot unmarshal number into Go struct field .name of type string',
    });
    expect(cniErrorOf(() => checkNetConf(bytes('{"name":true}'))).msg).toContain(
      'cannot unmarshal bool',
    );
  });

  test('a missing, empty or null name is code 7 missing network name', () => {
    for (const text of ['{}', '{"name":""}', '{"name":null}']) {
      expect(cniErrorOf(() => checkNetConf(bytes(text)))).toEqual({
        code: 7,
        msg: 'missing network name',
      });
    }
  });

  test('a badly formed name is code 7 with the name in details', () => {
    expect(cniErrorOf(() => checkNetConf(bytes('{"name":"bad/name"}')))).toEqual({
      code: 7,
      msg: 'invalid characters found in network name',
      details: 'bad/name',
    });
  });

  test('matches the key as Go does: any case, last one wins, null leaves it', () => {
    expect(checkNetConf(bytes('{"NAME":"a"}')).name).toBe('a');
    expect(checkNetConf(bytes('{"name":"a","Name":"b"}')).name).toBe('b');
    expect(checkNetConf(bytes('{"name":"a","Name":null}')).name).toBe('a');
  });
});

describe('configVersion', () => {
  const version = (text: string) => configVersion(checkNetConf(bytes(text)));

  test('reads cniVersion in any case', () => {
    expect(version('{"name":"n","cniVersion":"1.0.0"}')).toBe('1.0.0');
    expect(version('{"name":"n","CNIVersion":"0.4.0"}')).toBe('0.4.0');
  });

  test('a missing, empty or null cniVersion means 0.1.0', () => {
    expect(version('{"name":"n"}')).toBe('0.1.0');
    expect(version('{"name":"n","cniVersion":""}')).toBe('0.1.0');
    expect(version('{"name":"n","cniVersion":null}')).toBe('0.1.0');
  });

  test('a cniVersion that is not a string is code 6 as Go words it', () => {
    // Recorded from the Go loopback plugin.
    expect(cniErrorOf(() => version('{"name":"n","cniVersion":3}'))).toEqual({
      code: 6,
      msg: 'decoding version from network config: json: cannot unmarshal number into Go struct field .cniVersion of type string',
    });
  });
});
