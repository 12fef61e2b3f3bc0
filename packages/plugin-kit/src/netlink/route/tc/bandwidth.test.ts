// The bandwidth plugin's tc objects against what the Go reference plugin sent (Debian
// containernetworking-plugins 1.1.1, captured with strace; see _captures.ts).
import { describe, expect, test } from 'bun:test';
import { NLM_F, RTM } from '../../codec/constants.ts';
import { encodeMessage } from '../../codec/header.ts';
import { goBandwidthRequests, tcCaptures } from './_captures.ts';
import { captured, zeroSeqPid } from './_test-support.ts';
import {
  BANDWIDTH_INGRESS_HANDLE,
  BANDWIDTH_PACING_EXTRA_BYTES,
  BANDWIDTH_TBF_HANDLE,
  bandwidthIngressMessage,
  bandwidthIngressTarget,
  bandwidthPacingTbfMessage,
  bandwidthRedirectFilterMessage,
  bandwidthTbfMessage,
  bandwidthTbfTarget,
} from './bandwidth.ts';
import { ETH_P, TC_ACT, TC_H, TC_LINKLAYER, TCA_EGRESS_REDIR } from './constants.ts';
import { decodeFilterMessage, decodeQdiscMessage, toFilter, toQdisc } from './decode.ts';
import { encodeFilterMessage, encodeQdiscMessage, filterSpecToMessage } from './encode.ts';
import { formatTcHandle, tcHandle } from './handle.ts';

const ADD = NLM_F.REQUEST | NLM_F.ACK | NLM_F.CREATE | NLM_F.EXCL;
const HOST_VETH = 7;
const IFB = 8;

describe('bandwidth plugin messages, byte for byte as the Go plugin sends them', () => {
  const cases = [
    ['goTbfHost', () => bandwidthTbfMessage(HOST_VETH, 8_000_000, 1_000_000)],
    ['goIngress', () => bandwidthIngressMessage(HOST_VETH)],
    ['goTbfIfb', () => bandwidthTbfMessage(IFB, 4_000_000, 500_000)],
  ] as const;
  for (const [name, build] of cases) {
    test(`${name}: RTM_NEWQDISC`, () => {
      const raw = captured(goBandwidthRequests[name]);
      expect([raw.type, raw.flags]).toEqual([RTM.NEWQDISC, ADD]);
      expect(decodeQdiscMessage(raw.payload)).toEqual(build());
      const payload = encodeQdiscMessage(build());
      expect(encodeMessage({ ...raw, seq: 0, pid: 0, payload })).toEqual(zeroSeqPid(raw));
    });
  }

  test('goFilter: RTM_NEWTFILTER u32 with two mirred redirects', () => {
    const raw = captured(goBandwidthRequests.goFilter);
    expect([raw.type, raw.flags]).toEqual([RTM.NEWTFILTER, ADD]);
    expect(decodeFilterMessage(raw.payload)).toEqual(
      bandwidthRedirectFilterMessage(HOST_VETH, IFB),
    );
    const payload = encodeFilterMessage(bandwidthRedirectFilterMessage(HOST_VETH, IFB));
    expect(encodeMessage({ ...raw, seq: 0, pid: 0, payload })).toEqual(zeroSeqPid(raw));
  });

  test('the same filter built the way tc builds it differs only in attribute order and flags', () => {
    // tc cannot express this filter (it reads "pass" after a redirect as a separate gact
    // action), but a FilterSpec can; its bytes put TCA_U32_SEL last and mark
    // TCA_ACT_OPTIONS NLA_F_NESTED, which the kernel does not care about.
    const spec = filterSpecToMessage({
      kind: 'u32',
      index: HOST_VETH,
      parent: BANDWIDTH_INGRESS_HANDLE,
      priority: 1,
      protocol: ETH_P.ALL,
      classid: tcHandle(1, 1),
      actions: [
        { kind: 'mirred', eaction: TCA_EGRESS_REDIR, ifindex: IFB },
        { kind: 'mirred', eaction: TCA_EGRESS_REDIR, ifindex: IFB, verdict: TC_ACT.OK },
      ],
    });
    const go = bandwidthRedirectFilterMessage(HOST_VETH, IFB);
    const { message: _a, ...fromSpec } = toFilter(spec);
    const { message: _b, ...fromGo } = toFilter(go);
    expect(fromSpec).toEqual(fromGo);
    expect(encodeFilterMessage(spec)).not.toEqual(encodeFilterMessage(go));
    expect(encodeFilterMessage(spec).length).toBe(encodeFilterMessage(go).length);
  });

  test("handles and parents are the plugin's: tbf 1: root, ingress ffff: parent ffff:fff1", () => {
    expect(formatTcHandle(BANDWIDTH_TBF_HANDLE)).toBe('1:');
    expect(bandwidthTbfMessage(1, 8, 8).parent).toBe(TC_H.ROOT);
    expect(formatTcHandle(BANDWIDTH_INGRESS_HANDLE)).toBe('ffff:');
    expect(formatTcHandle(bandwidthIngressMessage(1).parent)).toBe('ffff:fff1');
  });
});

describe('what the Go plugin left in the kernel, read back', () => {
  test('`tc qdisc show dev hv0`: tbf 1: rate 8Mbit burst 125000b lat 25ms, link layer unaware', () => {
    const qdiscs = tcCaptures.goQdiscShowDev.replies
      .map(captured)
      .filter((reply) => reply.type === RTM.NEWQDISC)
      .map((reply) => toQdisc(decodeQdiscMessage(reply.payload)));
    const tbf = qdiscs.find((q) => q.index === HOST_VETH && q.kind === 'tbf');
    expect(tbf?.tbf).toEqual({
      rate: 1_000_000,
      burst: 125_000,
      limit: 150_000,
      buffer: 1_953_125,
      latency: 25_000,
      linklayer: TC_LINKLAYER.UNAWARE,
      mpu: 0,
      overhead: 0,
    });
    const ifb = qdiscs.find((q) => q.index === IFB && q.kind === 'tbf');
    expect(ifb?.tbf?.rate).toBe(500_000);
    expect(ifb?.tbf?.burst).toBe(62_500);
    expect(ifb?.tbf?.limit).toBe(75_000);
    expect(qdiscs.find((q) => q.index === HOST_VETH && q.kind === 'ingress')?.handle).toBe(
      BANDWIDTH_INGRESS_HANDLE,
    );
  });

  test('`tc filter show dev hv0 parent ffff:`: pref 1, flowid 1:1, mirred stolen then pass', () => {
    const node = tcCaptures.goFilterShow.replies
      .map(captured)
      .filter((reply) => reply.type === RTM.NEWTFILTER)
      .map((reply) => toFilter(decodeFilterMessage(reply.payload)))
      .find((filter) => filter.u32?.selector !== undefined);
    expect(node?.priority).toBe(1);
    expect(node?.protocol).toBe(ETH_P.ALL);
    expect(node?.u32?.classid).toBe(tcHandle(1, 1));
    expect(
      node?.u32?.actions.map((a) => [
        a.order,
        a.kind,
        a.mirred?.eaction,
        a.mirred?.ifindex,
        a.mirred?.action,
      ]),
    ).toEqual([
      [1, 'mirred', TCA_EGRESS_REDIR, IFB, TC_ACT.STOLEN],
      [2, 'mirred', TCA_EGRESS_REDIR, IFB, TC_ACT.OK],
    ]);
  });
});

describe('bandwidthPacingTbfMessage', () => {
  test('is the plugin tbf byte for byte but for a limit 1 MiB larger', () => {
    const plain = encodeQdiscMessage(bandwidthTbfMessage(5, 4_000_000, 500_000));
    const pacing = encodeQdiscMessage(bandwidthPacingTbfMessage(5, 4_000_000, 500_000));
    const plainQdisc = toQdisc(decodeQdiscMessage(plain));
    const pacingQdisc = toQdisc(decodeQdiscMessage(pacing));
    expect(pacingQdisc.tbf?.limit).toBe(75_000 + BANDWIDTH_PACING_EXTRA_BYTES);
    expect({ ...pacingQdisc.tbf, limit: 0, latency: 0 }).toEqual({
      ...plainQdisc.tbf,
      limit: 0,
      latency: 0,
    });
    // Only tc_tbf_qopt.limit differs: one little-endian u32 on a 4-byte boundary.
    const differing = [...plain.keys()].filter((i) => plain[i] !== pacing[i]);
    expect(differing.length).toBeGreaterThan(0);
    expect(differing.length).toBeLessThanOrEqual(4);
    const view = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset);
    const at = differing[0] ?? 0;
    const start = at - (at % 4);
    expect(view(pacing).getUint32(start, true) - view(plain).getUint32(start, true)).toBe(
      BANDWIDTH_PACING_EXTRA_BYTES,
    );
  });
});

describe('bandwidth qdisc targets', () => {
  test('name the qdiscs the plugin makes, with their kinds', () => {
    expect(bandwidthTbfTarget(3)).toEqual({
      index: 3,
      parent: TC_H.ROOT,
      handle: BANDWIDTH_TBF_HANDLE,
      kind: 'tbf',
    });
    expect(bandwidthIngressTarget(3)).toEqual({
      index: 3,
      parent: TC_H.INGRESS,
      handle: BANDWIDTH_INGRESS_HANDLE,
      kind: 'ingress',
    });
  });
});
