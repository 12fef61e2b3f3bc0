import { describe, expect, test } from 'bun:test';
import { useTimeLimit } from '@cni-ts/plugin-kit/testing';
import { useWorlds } from '../../test/_use-worlds.ts';
import { GO_PLUGIN_DIR, type PluginRun, type PluginWorld, runPlugin } from '../../test/_world.ts';

useTimeLimit('netns');

// Differential tests against Debian's Go static (1.1.1): same config and environment,
// same stdout. The plugin processes run in the world's throwaway host namespace.

const worlds = useWorlds();
const { skip } = worlds;

type Command = 'ADD' | 'DEL' | 'CHECK';

function runOne(
  w: PluginWorld,
  binDir: string,
  command: Command,
  config: object,
  args?: string,
): PluginRun {
  return runPlugin({
    binDir,
    type: 'static',
    command,
    config,
    host: w.host,
    netns: w.containers[0]?.path ?? '',
    containerId: 'cid-st1',
    ...(args === undefined ? {} : { args }),
  });
}

function same(w: PluginWorld, command: Command, config: object, args?: string): PluginRun {
  const ours = runOne(w, worlds.bin, command, config, args);
  const go = runOne(w, GO_PLUGIN_DIR, command, config, args);
  expect({ exitCode: ours.exitCode, stdout: ours.stdout }).toEqual({
    exitCode: go.exitCode,
    stdout: go.stdout,
  });
  return ours;
}

// §6.6 of the reference.
const ipam = {
  type: 'static',
  addresses: [
    { address: '192.168.77.10/24', gateway: '192.168.77.1' },
    { address: 'fd00:77::10/64', gateway: 'fd00:77::1' },
  ],
  routes: [{ dst: '0.0.0.0/0' }, { dst: '192.168.78.0/24', gw: '192.168.77.254' }],
  dns: {
    nameservers: ['192.168.77.53'],
    domain: 'pur.example',
    search: ['pur.example'],
    options: ['ndots:2'],
  },
};
const config = (extra: object = {}, cniVersion = '1.0.0') => ({
  cniVersion,
  name: 'st-net',
  type: 'static',
  ipam,
  ...extra,
});

describe.skipIf(skip !== null)(
  `static against the Go plugin${skip === null ? '' : ` (skipped: ${skip})`}`,
  () => {
    test('the §6.6 direct call: four addresses, the config routes and the full DNS', () => {
      const w = worlds.create();
      const run = same(
        w,
        'ADD',
        config(),
        'IP=192.168.77.20/24,fd00:77::20/64;GATEWAY=192.168.77.1',
      );
      expect(run.json).toMatchObject({
        ips: [
          { address: '192.168.77.10/24', gateway: '192.168.77.1' },
          { address: 'fd00:77::10/64', gateway: 'fd00:77::1' },
          { address: '192.168.77.20/24', gateway: '192.168.77.1' },
          { address: 'fd00:77::20/64' },
        ],
      });
    });

    test('result shapes, overrides and errors print the same', () => {
      const w = worlds.create();
      const single = (addresses: object[], extra: object = {}, cniVersion = '1.0.0') => ({
        cniVersion,
        name: 'st-net',
        type: 'static',
        ipam: { type: 'static', addresses },
        ...extra,
      });
      const cases: [object, string?][] = [
        [config({}, '0.2.0')],
        [config({}, '0.3.1')],
        [config({}, '0.2.0'), 'IP=192.168.77.11/24'],
        [config(), 'IP= 192.168.77.20/24 , 192.168.79.1/24 ;GATEWAY= 192.168.79.254'],
        [config(), 'IP=192.168.77.20'],
        [config(), 'IP=192.168.77.11/24,,'],
        [config(), 'GATEWAY=bogus, x'],
        [config(), 'FOO=1;IgnoreUnknown=true'],
        [single([{ address: '192.168.77.10/24' }]), 'GATEWAY=192.168.77.1'],
        [single([{ address: '192.168.77.10' }])],
        [single([{ gateway: '1.2.3.4' }])],
        [single([{ address: '192.168.77.10/24', gateway: 'bogus' }])],
        [single([{ address: '192.168.77.10/24', gateway: '::ffff:192.168.77.1' }])],
        [single([{ address: '10.1.2.3/8' }, { address: '::ffff:10.1.2.4/120' }])],
        [
          single([{ address: '1.1.1.1/24' }], { args: { cni: { ips: ['10.1.1.1/24'] } } }),
          'GATEWAY=10.1.1.254',
        ],
        [
          single([{ address: '1.1.1.1/24' }], {
            args: { cni: { ips: ['10.1.1.1/24'] } },
            runtimeConfig: { ips: ['10.2.2.2/24'] },
          }),
        ],
        [single([], { runtimeConfig: { ips: ['10.1.1.1'] } })],
        [{ cniVersion: '1.0.0', name: 'st-net', type: 'static', ipam: { type: 'static' } }],
        [{ cniVersion: '1.0.0', name: 'st-net', type: 'static' }],
      ];
      for (const [input, args] of cases) same(w, 'ADD', input, args);
    });

    test('CHECK and DEL print the same', () => {
      const w = worlds.create();
      const prevResult = same(w, 'ADD', config()).json;
      same(w, 'CHECK', config({ prevResult }));
      same(w, 'CHECK', config());
      const otherGateway = {
        cniVersion: '1.0.0',
        ips: [{ address: '192.168.77.10/24', gateway: '192.168.77.2' }],
      };
      same(w, 'CHECK', config({ prevResult: otherGateway }));
      same(w, 'DEL', config());
      same(w, 'DEL', { cniVersion: '1.0.0', name: 'st-net', type: 'static' }, 'FOO=1');
    });

    test('CHECK with a configured address missing: Go passes, ours fails', () => {
      const w = worlds.create();
      const partial = {
        cniVersion: '1.0.0',
        ips: [{ address: '192.168.77.10/24', gateway: '192.168.77.1' }],
      };
      expect(runOne(w, GO_PLUGIN_DIR, 'CHECK', config({ prevResult: partial })).exitCode).toBe(0);
      expect(runOne(w, worlds.bin, 'CHECK', config({ prevResult: partial })).json).toEqual({
        code: 999,
        msg: 'static: Failed to find addr fd00:77::10 on interface eth0',
      });
    });
  },
);
