import { describe, expect, test } from 'bun:test';
import { isIptablesNft } from '@cni-ts/plugin-kit';
import { useTimeLimit } from '@cni-ts/plugin-kit/testing';
import { straceSkipReason, traced } from '../../test/_traced.ts';
import { useWorlds } from '../../test/_use-worlds.ts';
import { GO_PLUGIN_DIR, type PluginWorld, withPrev } from '../../test/_world.ts';
import { chain, DN_CHAIN, portmapConfig, portmapNat, run } from './_test-world.ts';

useTimeLimit('netns');

const worlds = useWorlds();
const { skip } = worlds;

/** The per-container lines of both nat tables (chains CNI-DN-…, dispatcher entries). */
function attachmentLines(world: PluginWorld): string[] {
  return portmapNat(world)
    .flat()
    .filter((line) => line.includes('CNI-DN-'));
}

describe.skipIf(skip !== null)(
  `portmap DEL, CHECK and GC${skip === null ? '' : ` (skipped: ${skip})`}`,
  () => {
    test('DEL without netns, prevResult or mappings removes everything; twice is fine', () => {
      const world = worlds.create();
      const { added } = chain(world, worlds.bin);
      expect(added.exitCode).toBe(0);
      expect(attachmentLines(world).length).toBeGreaterThan(0);
      const bare = portmapConfig({}, null);
      for (let i = 0; i < 2; i++) {
        const del = run(world, worlds.bin, 'portmap', 'DEL', bare, { netns: '' });
        expect({ exitCode: del.exitCode, stdout: del.stdout, stderr: del.stderr }).toEqual({
          exitCode: 0,
          stdout: '',
          stderr: '',
        });
      }
      expect(attachmentLines(world)).toEqual([]);
    });

    const probeSkip =
      straceSkipReason() ??
      (isIptablesNft('iptables-restore') ? null : 'iptables here is not iptables-nft');
    test.skipIf(probeSkip !== null)(
      `DEL without mappings of rules that are not there asks the kernel, not iptables${probeSkip === null ? '' : ` (skipped: ${probeSkip})`}`,
      () => {
        const world = worlds.create();
        const { added, config } = chain(world, worlds.bin);
        expect(added.exitCode).toBe(0);
        const bare = portmapConfig({}, null);
        const del = (conf: object) =>
          traced((wrapper) =>
            run(world, worlds.bin, 'portmap', 'DEL', conf, { netns: '', wrapper }),
          );
        // With mappings, the tables are listed (their rules are expected there).
        const first = del(config);
        expect(first.run.exitCode).toBe(0);
        expect(first.commands).toContain('iptables -t nat -S --wait');
        expect(attachmentLines(world)).toEqual([]);
        // Without: the kernel shows neither chain of the attachment, so no process runs.
        const second = del(bare);
        expect({ exitCode: second.run.exitCode, stderr: second.run.stderr }).toEqual({
          exitCode: 0,
          stderr: '',
        });
        expect(second.commands).toEqual([]);
      },
    );

    test("a busy nat table (kube-proxy's rules, a comment naming the chain): only the attachment's lines change", () => {
      // The attachment's lines on an empty table, for comparison.
      const quiet = worlds.create();
      expect(chain(quiet, worlds.bin).added.exitCode).toBe(0);
      const expected = attachmentLines(quiet);
      expect(expected.length).toBeGreaterThan(0);
      // 300 services' rules, each with a quoted comment, and a rule whose comment names the
      // attachment's chain without jumping to it.
      const world = worlds.create();
      const batch = ['*nat', ':KUBE-SERVICES - [0:0]', ':KUBE-MARK-MASQ - [0:0]'];
      const rules = [
        `-A KUBE-SERVICES -m comment --comment "mentions ${DN_CHAIN}, jumps elsewhere" -j RETURN`,
      ];
      for (let i = 0; i < 300; i++) {
        const svc = `KUBE-SVC-${i.toString(16).padStart(16, '0').toUpperCase()}`;
        batch.push(`:${svc} - [0:0]`);
        const ip = `10.96.${i >> 7}.${(i & 127) + 1}`;
        rules.push(
          `-A KUBE-SERVICES -d ${ip}/32 -p tcp -m comment --comment "ns${i}/svc${i}:http cluster IP" -m tcp --dport 80 -j ${svc}`,
          `-A ${svc} -m comment --comment "ns${i}/svc${i}:http -> 10.244.1.${i & 255}:80" -j KUBE-MARK-MASQ`,
        );
      }
      const restore = Bun.spawnSync(
        ['ip', 'netns', 'exec', world.host.name, 'iptables-restore', '--noflush'],
        { stdin: new TextEncoder().encode([...batch, ...rules, 'COMMIT', ''].join('\n')) },
      );
      expect({ code: restore.exitCode, err: restore.stderr.toString() }).toEqual({
        code: 0,
        err: '',
      });
      const kube = () => portmapNat(world)[0].filter((line) => line.includes('KUBE-'));
      const before = kube();
      expect(before.length).toBe(300 * 3 + 3);
      const { added, config } = chain(world, worlds.bin);
      expect(added.exitCode).toBe(0);
      const own = () => attachmentLines(world).filter((line) => !line.includes('KUBE-'));
      expect(own()).toEqual(expected);
      expect(kube()).toEqual(before);
      const del = run(world, worlds.bin, 'portmap', 'DEL', config);
      expect({ exitCode: del.exitCode, stderr: del.stderr }).toEqual({ exitCode: 0, stderr: '' });
      expect(own()).toEqual([]);
      expect(kube()).toEqual(before);
    });

    test('DEL of an attachment that never was: success, nothing made', () => {
      const world = worlds.create();
      const del = run(world, worlds.bin, 'portmap', 'DEL', portmapConfig());
      expect(del.exitCode).toBe(0);
      expect(portmapNat(world).flat()).toEqual([]);
    });

    test('CHECK of an IPv4-only container passes (Go 1.1.1 fails on ip6tables)', () => {
      const ours = worlds.create();
      const go = worlds.create();
      const o = chain(ours, worlds.bin, {}, { v4Only: true });
      const g = chain(go, GO_PLUGIN_DIR, {}, { v4Only: true });
      expect(o.added.exitCode).toBe(0);
      expect(g.added.exitCode).toBe(0);
      const oc = run(ours, worlds.bin, 'portmap', 'CHECK', o.config);
      expect({ exitCode: oc.exitCode, stdout: oc.stdout }).toEqual({ exitCode: 0, stdout: '' });
      const gc = run(go, GO_PLUGIN_DIR, 'portmap', 'CHECK', g.config);
      expect(gc.exitCode).not.toBe(0);
      expect(gc.stdout).toContain('could not check ipv6 dnat');
    });

    test('CHECK fails when a rule was removed by hand, naming it', () => {
      const world = worlds.create();
      const { added, config } = chain(world, worlds.bin);
      expect(added.exitCode).toBe(0);
      const dnat = ['-p', 'tcp', '-m', 'tcp', '--dport', '18080', '-j', 'DNAT'];
      world.host.exec([
        'iptables',
        '-t',
        'nat',
        '-D',
        DN_CHAIN,
        ...dnat,
        '--to-destination',
        '10.244.52.2:80',
      ]);
      const checked = run(world, worlds.bin, 'portmap', 'CHECK', config);
      expect(checked.exitCode).not.toBe(0);
      expect(checked.json).toMatchObject({ code: 999 });
      expect(checked.stdout).toContain('--to-destination 10.244.52.2:80');
    });

    test('GC removes the mappings of attachments no longer valid and keeps the others', () => {
      const world = worlds.create(2);
      expect(chain(world, worlds.bin, {}, { n: 0 }).added.exitCode).toBe(0);
      expect(chain(world, worlds.bin, {}, { n: 1 }).added.exitCode).toBe(0);
      const before = attachmentLines(world);
      const config = {
        ...portmapConfig({}, null),
        cniVersion: '1.1.0',
        'cni.dev/valid-attachments': [{ containerID: 'cid-chain2', ifname: 'eth0' }],
      };
      const gc = run(world, worlds.bin, 'portmap', 'GC', config, { netns: '' });
      expect({ exitCode: gc.exitCode, stdout: gc.stdout }).toEqual({ exitCode: 0, stdout: '' });
      const after = attachmentLines(world);
      expect(after.some((line) => line.includes(DN_CHAIN))).toBe(false);
      expect(after.some((line) => line.includes('id: \\"cid-chain2\\"'))).toBe(true);
      expect(after.length).toBeLessThan(before.length);
      expect(after.length).toBeGreaterThan(0);
    });

    test('a repeated ADD after CHECK failure repairs the attachment', () => {
      const world = worlds.create();
      const { config, prev } = chain(world, worlds.bin);
      world.host.exec(['iptables', '-t', 'nat', '-F', DN_CHAIN]);
      expect(run(world, worlds.bin, 'portmap', 'CHECK', config).exitCode).not.toBe(0);
      expect(
        run(world, worlds.bin, 'portmap', 'ADD', withPrev(portmapConfig(), prev)).exitCode,
      ).toBe(0);
      expect(run(world, worlds.bin, 'portmap', 'CHECK', config).exitCode).toBe(0);
    });
  },
);
