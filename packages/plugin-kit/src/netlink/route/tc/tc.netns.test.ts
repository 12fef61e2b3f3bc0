// Root-only: traffic control in throwaway namespaces (createTestNetns), never in the machine's
// own. Each test builds veth/ifb links with `ip`, shapes them through the typed operations,
// cross-checks with `tc` output, and removes the namespace afterwards, also on failure.
import { afterEach, beforeEach, describe, expect, test } from 'bun:test';
import { existsSync } from 'node:fs';
import { isExists, isNotFound } from '../../../errors/predicates.ts';
import { canUseNetns, createTestNetns, type TestNetns } from '../../../testing/test-netns.ts';
import { thrown } from '../../../testing/thrown.ts';
import { useTimeLimit } from '../../../testing/time-limits.ts';
import { isNetlinkError } from '../../socket/netlink-error.ts';
import type { NetlinkSocket } from '../../socket/netlink-socket.ts';
import { openRouteSocket } from '../../socket/open-route-socket.ts';
import { tcCaptures } from './_captures.ts';
import { captured } from './_test-support.ts';
import {
  bandwidthIngressMessage,
  bandwidthRedirectFilterMessage,
  bandwidthTbfMessage,
} from './bandwidth.ts';
import { ETH_P, TC_ACT, TC_H, TCA_EGRESS_REDIR } from './constants.ts';
import { decodeQdiscMessage } from './decode.ts';
import { formatU32Handle } from './filter/u32.ts';
import { tcHandle } from './handle.ts';
import {
  addFilter,
  addQdisc,
  deleteFilter,
  deleteQdisc,
  listFilters,
  listQdiscs,
  replaceQdisc,
} from './ops.ts';
import { bandwidthTbf } from './tbf-math.ts';
import type { Qdisc, QdiscMessage } from './types.ts';

useTimeLimit('netns');

const INGRESS = tcHandle(0xffff, 0);
const GO_BANDWIDTH = '/usr/lib/cni/bandwidth';

/** Which kernel features this needs are missing (probed once, in a throwaway namespace). */
function probeKernel(): { ifb: boolean; shaping: boolean } {
  const ns = createTestNetns('cnits-probe');
  try {
    const ok = (argv: readonly string[]) => {
      try {
        ns.exec(argv);
        return true;
      } catch {
        return false;
      }
    };
    const ifb = ok(['ip', 'link', 'add', 'probe0', 'type', 'ifb']);
    ok(['ip', 'link', 'add', 'probe1', 'type', 'veth', 'peer', 'name', 'probe2']);
    const shaping =
      ok([
        'tc',
        'qdisc',
        'add',
        'dev',
        'probe1',
        'root',
        'tbf',
        'rate',
        '1mbit',
        'burst',
        '10kb',
        'limit',
        '20kb',
      ]) &&
      ok(['tc', 'qdisc', 'add', 'dev', 'probe1', 'ingress']) &&
      ok([
        'tc',
        'filter',
        'add',
        'dev',
        'probe1',
        'parent',
        'ffff:',
        'protocol',
        'all',
        'u32',
        'match',
        'u32',
        '0',
        '0',
        'action',
        'mirred',
        'egress',
        'redirect',
        'dev',
        'probe2',
      ]);
    return { ifb, shaping };
  } finally {
    ns.remove();
  }
}

// Probed only where namespace tests run; elsewhere the describe blocks skip with their reason.
const kernel = canUseNetns() ? probeKernel() : undefined;
const canShape = kernel?.ifb === true && kernel.shaping;
const shapingSkip =
  kernel === undefined || canShape
    ? ''
    : !kernel.ifb
      ? ' (kernel lacks ifb)'
      : ' (kernel lacks sch_tbf, sch_ingress, cls_u32 or act_mirred)';

function linkIndex(ns: TestNetns, name: string): number {
  const [link] = JSON.parse(ns.exec(['ip', '-j', 'link', 'show', 'dev', name])) as {
    ifindex: number;
  }[];
  if (link === undefined) throw new Error(`no link ${name}`);
  return link.ifindex;
}

/** A qdisc message without what differs between two namespaces: link index, counters. */
function comparable(qdisc: Qdisc | QdiscMessage): unknown {
  const message = 'message' in qdisc ? qdisc.message : qdisc;
  return message.attributes.filter((a) => a.kind === 'TCA_KIND' || a.kind === 'TCA_OPTIONS');
}

describe.skipIf(!canUseNetns())('traffic control in a throwaway namespace', () => {
  let ns: TestNetns;
  let sock: NetlinkSocket;
  let hostVeth: number;
  let ifb: number;

  beforeEach(() => {
    ns = createTestNetns();
    ns.exec(['ip', 'link', 'add', 'hv0', 'type', 'veth', 'peer', 'name', 'ct0']);
    ns.exec(['ip', 'link', 'set', 'hv0', 'up']);
    ns.exec(['ip', 'link', 'set', 'ct0', 'up']);
    if (kernel?.ifb === true) {
      ns.exec(['ip', 'link', 'add', 'bwp0', 'type', 'ifb']);
      ns.exec(['ip', 'link', 'set', 'bwp0', 'up']);
      ifb = linkIndex(ns, 'bwp0');
    }
    hostVeth = linkIndex(ns, 'hv0');
    sock = openRouteSocket({ netns: ns.ns });
  });

  afterEach(() => {
    sock.close();
    ns.remove();
  });

  test.skipIf(!canShape)(
    `builds the bandwidth plugin's arrangement and removes it${shapingSkip}`,
    () => {
      addQdisc(sock, bandwidthTbfMessage(hostVeth, 8_000_000, 1_000_000));
      addQdisc(sock, bandwidthIngressMessage(hostVeth));
      addFilter(sock, bandwidthRedirectFilterMessage(hostVeth, ifb));
      addQdisc(sock, bandwidthTbfMessage(ifb, 4_000_000, 500_000));

      // What tc sees: the recorded state of reference-plugins.md §6.7.
      const hostShow = ns.exec(['tc', '-s', 'qdisc', 'show', 'dev', 'hv0']);
      expect(hostShow).toMatch(/qdisc tbf 1: root refcnt \d+ rate 8Mbit burst 125000b lat 25ms/);
      expect(hostShow).toContain('qdisc ingress ffff: parent ffff:fff1');
      expect(ns.exec(['tc', 'qdisc', 'show', 'dev', 'bwp0'])).toMatch(
        /qdisc tbf 1: root refcnt \d+ rate 4Mbit burst 62500b lat 25ms/,
      );
      const filterShow = ns.exec(['tc', 'filter', 'show', 'dev', 'hv0', 'parent', 'ffff:']);
      expect(filterShow).toContain('filter protocol all pref 1 u32 chain 0 fh 800::800');
      expect(filterShow).toContain('flowid 1:1');
      expect(filterShow).toContain('match 00000000/00000000 at 0');
      expect(filterShow).toContain(
        'action order 1: mirred (Egress Redirect to device bwp0) stolen',
      );
      expect(filterShow).toContain('action order 2: mirred (Egress Redirect to device bwp0) pass');

      // What we read back equals what the Go plugin left in the kernel (_captures.ts).
      const qdiscs = listQdiscs(sock, { index: hostVeth });
      const goQdiscs = tcCaptures.goQdiscShowDev.replies
        .map(captured)
        .filter((reply) => reply.type === 36)
        .map((reply) => decodeQdiscMessage(reply.payload))
        .filter((message) => message.index === 7);
      expect(qdiscs.map(comparable)).toEqual(goQdiscs.map(comparable));
      expect(qdiscs.map((q) => [q.kind, q.handle, q.parent])).toEqual([
        ['tbf', tcHandle(1, 0), TC_H.ROOT],
        ['ingress', INGRESS, TC_H.INGRESS],
      ]);
      const [ifbTbf] = listQdiscs(sock, { index: ifb });
      expect(ifbTbf?.tbf).toMatchObject({ rate: 500_000, burst: 62_500, limit: 75_000 });

      const filters = listFilters(sock, { index: hostVeth, parent: INGRESS });
      expect(filters.map((f) => formatU32Handle(f.handle))).toEqual([':', '800:', '800::800']);
      const node = filters[2];
      expect(node?.priority).toBe(1);
      expect(node?.protocol).toBe(ETH_P.ALL);
      expect(node?.u32?.classid).toBe(tcHandle(1, 1));
      expect(
        node?.u32?.actions.map((a) => [a.mirred?.eaction, a.mirred?.ifindex, a.mirred?.action]),
      ).toEqual([
        [TCA_EGRESS_REDIR, ifb, TC_ACT.STOLEN],
        [TCA_EGRESS_REDIR, ifb, TC_ACT.OK],
      ]);

      // Take it all down again.
      if (node === undefined) throw new Error('no filter');
      deleteFilter(sock, node);
      expect(listFilters(sock, { index: hostVeth, parent: INGRESS })).toEqual([]);
      for (const qdisc of [...qdiscs, ...(ifbTbf ? [ifbTbf] : [])]) deleteQdisc(sock, qdisc);
      expect(ns.exec(['tc', 'qdisc', 'show', 'dev', 'hv0'])).toMatch(/^qdisc noqueue 0: root/);
      expect(ns.exec(['tc', 'qdisc', 'show', 'dev', 'hv0'])).not.toContain('ingress');
      expect(listQdiscs(sock, { index: ifb }).map((q) => q.kind)).not.toContain('tbf');
    },
  );

  test.skipIf(!canShape)(
    `adds, replaces and deletes qdiscs and filters built as tc builds them${shapingSkip}`,
    () => {
      addQdisc(sock, {
        kind: 'tbf',
        index: hostVeth,
        handle: tcHandle(1, 0),
        rate: 1_000_000,
        burst: 125_000,
        latency: 25_000,
      });
      expect(ns.exec(['tc', 'qdisc', 'show', 'dev', 'hv0'])).toMatch(
        /qdisc tbf 1: root refcnt \d+ rate 8Mbit burst 125000b lat 25ms/,
      );
      replaceQdisc(sock, {
        kind: 'tbf',
        index: hostVeth,
        handle: tcHandle(1, 0),
        rate: 2_000_000,
        burst: 250_000,
        limit: 300_000,
        peakrate: 4_000_000,
        mtu: 1540,
      });
      expect(ns.exec(['tc', 'qdisc', 'show', 'dev', 'hv0'])).toMatch(
        /qdisc tbf 1: root refcnt \d+ rate 16Mbit burst 250000b peakrate 32Mbit minburst 1536b lat 74.6ms/,
      );
      // The kernel rounds the peak bucket to what it sends in whole ticks, as tc shows it.
      const [tbf] = listQdiscs(sock, { index: hostVeth });
      expect(tbf?.tbf).toMatchObject({
        rate: 2_000_000,
        burst: 250_000,
        limit: 300_000,
        peakrate: 4_000_000,
        minburst: 1536,
      });
      expect(Math.round((tbf?.tbf?.latency ?? 0) / 100)).toBe(746);

      addQdisc(sock, { kind: 'ingress', index: hostVeth });
      addFilter(sock, {
        kind: 'u32',
        index: hostVeth,
        parent: INGRESS,
        protocol: ETH_P.ALL,
        actions: [{ kind: 'mirred', eaction: TCA_EGRESS_REDIR, ifindex: ifb }],
      });
      const show = ns.exec(['tc', 'filter', 'show', 'dev', 'hv0', 'parent', 'ffff:']);
      expect(show).toContain('filter protocol all pref 49152 u32 chain 0 fh 800::800');
      expect(show).toContain('terminal flowid');
      expect(show).toContain('action order 1: mirred (Egress Redirect to device bwp0) stolen');
      deleteFilter(sock, {
        index: hostVeth,
        parent: INGRESS,
        priority: 49152,
        protocol: ETH_P.ALL,
        kind: 'u32',
      });
      expect(ns.exec(['tc', 'filter', 'show', 'dev', 'hv0', 'parent', 'ffff:'])).toBe('');

      deleteQdisc(sock, {
        index: hostVeth,
        parent: TC_H.INGRESS,
        handle: INGRESS,
        kind: 'ingress',
      });
      deleteQdisc(sock, { index: hostVeth, parent: TC_H.ROOT });
      expect(ns.exec(['tc', 'qdisc', 'show', 'dev', 'hv0'])).toMatch(/^qdisc noqueue 0: root/);
    },
  );

  test('adds and deletes a clsact qdisc', () => {
    addQdisc(sock, { kind: 'clsact', index: hostVeth });
    expect(ns.exec(['tc', 'qdisc', 'show', 'dev', 'hv0'])).toContain(
      'qdisc clsact ffff: parent ffff:fff1',
    );
    const clsact = listQdiscs(sock, { index: hostVeth }).find((q) => q.kind === 'clsact');
    expect(clsact?.message.attributes.find((a) => a.kind === 'TCA_OPTIONS')?.value).toEqual({
      kind: 'clsact',
      attributes: [],
    });
    if (clsact === undefined) throw new Error('no clsact');
    deleteQdisc(sock, clsact);
    expect(ns.exec(['tc', 'qdisc', 'show', 'dev', 'hv0'])).not.toContain('clsact');
  });

  test('errors answer the predicates: missing → isNotFound, twice → isExists', () => {
    const missingRoot = thrown(() => deleteQdisc(sock, { index: hostVeth, parent: TC_H.ROOT }));
    expect(isNotFound(missingRoot)).toBe(true);
    const missingIngress = thrown(() =>
      deleteQdisc(sock, { index: hostVeth, parent: TC_H.INGRESS, handle: INGRESS }),
    );
    expect(isNotFound(missingIngress)).toBe(true);

    addQdisc(sock, { kind: 'ingress', index: hostVeth });
    expect(isExists(thrown(() => addQdisc(sock, { kind: 'ingress', index: hostVeth })))).toBe(true);

    const missingFilter = thrown(() =>
      deleteFilter(sock, {
        index: hostVeth,
        parent: INGRESS,
        priority: 7,
        protocol: ETH_P.ALL,
        kind: 'u32',
      }),
    );
    expect(isNotFound(missingFilter)).toBe(true);

    const noParent = thrown(() =>
      addFilter(sock, {
        kind: 'u32',
        index: hostVeth,
        parent: tcHandle(5, 0),
        protocol: ETH_P.ALL,
      }),
    );
    expect(isNetlinkError(noParent)).toBe(true);
    if (isNetlinkError(noParent)) {
      expect(noParent.op).toBe('RTM_NEWTFILTER');
      expect(noParent.code).toBe('EINVAL'); // "Parent Qdisc doesn't exists"
    }
  });
});

describe.skipIf(!canUseNetns())('bandwidthTbf against the Go plugin', () => {
  const canCompare = canShape && existsSync(GO_BANDWIDTH);
  const reason =
    kernel !== undefined && !existsSync(GO_BANDWIDTH)
      ? ` (no Go reference plugin at ${GO_BANDWIDTH})`
      : shapingSkip;

  test.skipIf(!canCompare)(
    `computes the buffer and limit the Go plugin installs, odd numbers too${reason}`,
    () => {
      const host = createTestNetns();
      const container = createTestNetns();
      try {
        host.exec([
          'ip',
          'link',
          'add',
          'hv0',
          'type',
          'veth',
          'peer',
          'name',
          'eth0',
          'netns',
          container.name,
        ]);
        host.exec(['ip', 'link', 'set', 'hv0', 'up']);
        container.exec(['ip', 'link', 'set', 'eth0', 'up']);
        const rates = {
          ingressRate: 3_000_000,
          ingressBurst: 100_000,
          egressRate: 1_234_567,
          egressBurst: 98_765,
        };
        const config = {
          cniVersion: '1.0.0',
          name: 'tc-diff',
          type: 'bandwidth',
          ...rates,
          prevResult: {
            cniVersion: '1.0.0',
            interfaces: [{ name: 'hv0' }, { name: 'eth0', sandbox: container.path }],
            ips: [{ interface: 1, address: '10.244.60.2/24' }],
          },
        };
        const run = Bun.spawnSync(['ip', 'netns', 'exec', host.name, GO_BANDWIDTH], {
          env: {
            CNI_COMMAND: 'ADD',
            CNI_CONTAINERID: 'cid-tc-diff',
            CNI_NETNS: container.path,
            CNI_IFNAME: 'eth0',
            CNI_PATH: '/usr/lib/cni',
            PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin',
          },
          stdin: new TextEncoder().encode(JSON.stringify(config)),
          stdout: 'pipe',
          stderr: 'pipe',
        });
        expect(run.stderr.toString()).toBe('');
        expect(run.exitCode).toBe(0);
        const ifbName =
          (JSON.parse(run.stdout.toString()) as { interfaces: { name: string }[] }).interfaces[2]
            ?.name ?? '';
        const sock = openRouteSocket({ netns: host.ns });
        try {
          const tbfOf = (name: string) => {
            const index = linkIndex(host, name);
            return listQdiscs(sock, { index }).find((q) => q.kind === 'tbf')?.tbf;
          };
          const ingress = bandwidthTbf(rates.ingressRate, rates.ingressBurst);
          const egress = bandwidthTbf(rates.egressRate, rates.egressBurst);
          expect(tbfOf('hv0')).toMatchObject({
            rate: ingress.rate,
            buffer: ingress.buffer,
            limit: ingress.limit,
          });
          expect(tbfOf(ifbName)).toMatchObject({
            rate: egress.rate,
            buffer: egress.buffer,
            limit: egress.limit,
          });
          // and our message for the same numbers is the one the kernel holds
          const ours = bandwidthTbfMessage(
            linkIndex(host, 'hv0'),
            rates.ingressRate,
            rates.ingressBurst,
          );
          const theirs = listQdiscs(sock, { index: linkIndex(host, 'hv0') }).find(
            (q) => q.kind === 'tbf',
          );
          expect(theirs && comparable(theirs)).toEqual(comparable(ours));
        } finally {
          sock.close();
        }
      } finally {
        container.remove();
        host.remove();
      }
    },
  );
});
