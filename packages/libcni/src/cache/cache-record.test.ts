import { describe, expect, test } from 'bun:test';
import { parseResult } from '@cni-ts/spec-types';
import { decodeCacheRecord, encodeCacheRecord } from './cache-record.ts';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('encodeCacheRecord', () => {
  test("upstream's field order, base64 config, empty fields omitted, maps sorted", () => {
    const text = encodeCacheRecord({
      containerId: 'c1',
      config: bytes('{"name":"n"}'),
      ifName: 'eth0',
      networkName: 'n',
      netns: '',
      cniArgs: [],
      capabilityArgs: { z: 1, a: { y: 1, b: 2 } },
      result: parseResult('{"cniVersion":"1.0.0","ips":[{"address":"10.0.0.2/24","interface":0}]}'),
    });
    expect(text).toBe(
      '{"kind":"cniCacheV1","containerId":"c1","config":"eyJuYW1lIjoibiJ9","ifName":"eth0","networkName":"n","capabilityArgs":{"a":{"b":2,"y":1},"z":1},"result":{"cniVersion":"1.0.0","dns":{},"ips":[{"address":"10.0.0.2/24","interface":0}]}}',
    );
  });
});

describe('decodeCacheRecord', () => {
  test('reads keys in any case, ignoring unknown ones and nulls', () => {
    const record = decodeCacheRecord(
      '{"Kind":"cniCacheV1","containerID":"c","CONFIG":"e30=","ifname":"eth0","networkName":"n","netns":null,"cniArgs":[["A","1"],["B"]],"extra":1}',
    );
    expect(record).toMatchObject({
      kind: 'cniCacheV1',
      containerId: 'c',
      ifName: 'eth0',
      networkName: 'n',
      netns: '',
      cniArgs: [
        ['A', '1'],
        ['B', ''],
      ],
    });
    expect(new TextDecoder().decode(record.config)).toBe('{}');
  });

  test('fails where Go would', () => {
    expect(() => decodeCacheRecord('')).toThrow('unexpected end of JSON input');
    expect(() => decodeCacheRecord('[]')).toThrow('cannot unmarshal array into Go value');
    expect(() => decodeCacheRecord('{"config":"e30"}')).toThrow('illegal base64 data');
    expect(() => decodeCacheRecord('{"kind":1}')).toThrow(
      'cannot unmarshal number into Go struct field cachedInfo.kind of type string',
    );
    expect(() => decodeCacheRecord('{"result":[]}')).toThrow('cachedInfo.result');
  });
});
