import { afterEach, beforeEach, describe, expect, test } from 'bun:test';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DEFAULT_DATA_DIR,
  forgetMarker,
  markerDataDir,
  markerFile,
  networkMarkers,
  otherNetworksContainers,
  recordAttachment,
} from './attachment-markers.ts';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cnits-pm-markers-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('portmap attachment markers', () => {
  test('dataDir: the config key, else /run/cni/portmap', () => {
    expect(markerDataDir({})).toBe(DEFAULT_DATA_DIR);
    expect(markerDataDir({ dataDir: '' })).toBe('/run/cni/portmap');
    expect(markerDataDir({ dataDir: '/x' })).toBe('/x');
  });

  test('record, list, forget; a second record and a second forget are fine', () => {
    const root = join(dir, 'not', 'yet');
    recordAttachment(root, 'net-a', 'c1', 'eth0');
    recordAttachment(root, 'net-a', 'c1', 'eth0');
    recordAttachment(root, 'net-a', 'c_2', 'net1');
    const file = markerFile(root, 'net-a', 'c1', 'eth0');
    expect(file).toBe(join(root, 'net-a', 'c1_eth0'));
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ containerID: 'c1', ifname: 'eth0' });
    const listed = networkMarkers(root, 'net-a').sort((a, b) => (a.file < b.file ? -1 : 1));
    expect(listed).toEqual([
      { containerId: 'c1', ifName: 'eth0', file },
      { containerId: 'c_2', ifName: 'net1', file: join(root, 'net-a', 'c_2_net1') },
    ]);
    // No temporary file is left beside the markers.
    expect(readdirSync(join(root, 'net-a')).sort()).toEqual(['c1_eth0', 'c_2_net1']);
    forgetMarker(file);
    forgetMarker(file);
    expect(networkMarkers(root, 'net-a').map((m) => m.containerId)).toEqual(['c_2']);
  });

  test('a missing data dir or network has no markers, and forgetting there is fine', () => {
    const root = join(dir, 'absent');
    expect(networkMarkers(root, 'net-a')).toEqual([]);
    expect(otherNetworksContainers(root, 'net-a')).toEqual(new Set());
    forgetMarker(markerFile(root, 'net-a', 'c1', 'eth0'));
    expect(readdirSync(dir)).toEqual([]);
  });

  test('temporary (dot) files are not markers; an unreadable marker is skipped', () => {
    recordAttachment(dir, 'net-a', 'c1', 'eth0');
    writeFileSync(join(dir, 'net-a', '.c9_eth0.123.tmp'), '{"containerID":"c9"');
    writeFileSync(join(dir, 'net-a', 'c8_eth0'), 'not json');
    expect(networkMarkers(dir, 'net-a').map((m) => m.containerId)).toEqual(['c1']);
  });

  test('other networks: their ids, an unreadable marker counting every prefix', () => {
    recordAttachment(dir, 'net-a', 'a1', 'eth0');
    recordAttachment(dir, 'net-b', 'b1', 'eth0');
    recordAttachment(dir, 'net-c', 'c1', 'eth1');
    mkdirSync(join(dir, 'net-d'));
    writeFileSync(join(dir, 'net-d', 'd_1_eth0'), '');
    writeFileSync(join(dir, 'stray-file'), '');
    expect(otherNetworksContainers(dir, 'net-a')).toEqual(new Set(['b1', 'c1', 'd', 'd_1']));
  });

  test('a name that is no file name is refused', () => {
    expect(() => markerFile(dir, '..', 'c1', 'eth0')).toThrow('is no file name');
    expect(() => recordAttachment(dir, 'net-a', 'a/b', 'eth0')).toThrow('is no file name');
  });
});
