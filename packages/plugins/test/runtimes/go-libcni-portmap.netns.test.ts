// Our bridge + portmap chained by Go libcni 1.1.2 (the driver of _go-driver.ts): libcni
// passes bridge's result to portmap as prevResult, caches the chain's result, runs CHECK
// and DEL with it. The mappings sit in the plugin's own runtimeConfig (the driver passes
// no capability arguments; libcni hands the key through unchanged). Every case also runs
// against Debian's Go plugins, as the control.
import { describe, expect, test } from 'bun:test';
import { join } from 'node:path';
import { useTimeLimit } from '@cni-ts/plugin-kit/testing';
import type { PluginWorld } from '../_world.ts';
import type { DriverVerb } from './_go-driver.ts';
import { goLibcniSuite } from './_go-suite.ts';
import { implementations, titled } from './_implementations.ts';
import { natRules } from './_inspect.ts';

useTimeLimit('slow');

const suite = goLibcniSuite();

const NETWORK = 'golibcni-pm';
const SUBNET_PREFIX = '10.214.0';
const ADDRESS = `${SUBNET_PREFIX}.2`;

function chainList(w: PluginWorld, backend?: string) {
  return {
    cniVersion: '1.0.0',
    name: NETWORK,
    plugins: [
      {
        type: 'bridge',
        bridge: 'cnits-gopm0',
        isGateway: true,
        ipam: {
          type: 'host-local',
          dataDir: w.dataDir,
          ranges: [[{ subnet: `${SUBNET_PREFIX}.0/24` }]],
          routes: [{ dst: '0.0.0.0/0' }],
        },
      },
      {
        type: 'portmap',
        snat: true,
        ...(backend === undefined ? {} : { backend, dataDir: join(w.dir, 'portmap') }),
        runtimeConfig: {
          portMappings: [
            { hostPort: 18080, containerPort: 80, protocol: 'tcp' },
            { hostPort: 18053, containerPort: 53, protocol: 'udp' },
          ],
        },
      },
    ],
  };
}

for (const impl of implementations) {
  const skip = suite.skip ?? impl.missing(['bridge', 'host-local', 'portmap']);
  const ours = impl.label === 'our plugins';
  describe.skipIf(skip !== null)(
    titled(`Go libcni 1.1.2 runs bridge -> portmap: ${impl.label}`, skip),
    () => {
      const backends = ours ? [undefined, 'nftables'] : [undefined];
      for (const backend of backends) {
        test(`ADD, CHECK, DEL twice${backend === undefined ? '' : ` (${backend})`}`, () => {
          const w = suite.world();
          const run = (verb: DriverVerb) =>
            suite.run({ world: w, verb, conflist: chainList(w, backend), pluginDir: impl.dir() });
          const added = run('add');
          expect(added.output.message).toBeUndefined();
          expect(added.exitCode).toBe(0);
          expect(added.output.result?.ips?.[0]?.address).toBe(`${ADDRESS}/24`);
          const rules = natRules(w.host);
          expect(rules).toContain(`${ADDRESS}:80`);
          expect(rules).toContain(`${ADDRESS}:53`);

          const checked = run('check');
          if (ours) {
            expect(checked.output.message).toBeUndefined();
            expect(checked.exitCode).toBe(0);
          } else {
            // 1.1.1 looks for IPv6 rules of an IPv4-only container (reference-plugins §6.7).
            expect(checked.output.message).toContain('could not check ipv6 dnat');
          }

          for (let i = 0; i < 2; i++) {
            const deleted = run('del');
            expect(deleted.output.message).toBeUndefined();
            expect(deleted.exitCode).toBe(0);
          }
          expect(natRules(w.host)).not.toContain(`${ADDRESS}:80`);
        });
      }
    },
  );
}
