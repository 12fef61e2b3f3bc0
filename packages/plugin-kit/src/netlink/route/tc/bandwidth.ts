// The traffic-control objects the bandwidth plugin makes, message for message what the Go
// reference plugin (plugins/meta/bandwidth/ifb_creator.go over vishvananda/netlink) sends,
// so that the kernel ends up with the same qdiscs and filter and either plugin's CHECK
// accepts the other's. Golden tests compare these bytes with the Go plugin's.

import type { ActionAttribute } from './action/list.ts';
import { ETH_P, TC_ACT, TC_H, TC_U32, TCA_EGRESS_REDIR } from './constants.ts';
import { tcHandle } from './handle.ts';
import { tbfOptionsFromBuffer } from './qdisc/tbf-build.ts';
import { bandwidthTbf } from './tbf-math.ts';
import { filterInfo } from './tcmsg.ts';
import type { FilterMessage, QdiscMessage, QdiscTarget } from './types.ts';

/** "1:", the handle of the plugin's tbf qdiscs. */
export const BANDWIDTH_TBF_HANDLE = tcHandle(1, 0);
/** "ffff:", the handle of the ingress qdisc on the host veth. */
export const BANDWIDTH_INGRESS_HANDLE = tcHandle(0xffff, 0);

/** The plugin's root tbf on a link, for deleteQdisc (`tc qdisc del dev X root handle 1: tbf`). */
export function bandwidthTbfTarget(index: number): QdiscTarget {
  return { index, parent: TC_H.ROOT, handle: BANDWIDTH_TBF_HANDLE, kind: 'tbf' };
}

/** The plugin's ingress qdisc on a link, for deleteQdisc (`tc qdisc del dev X ingress`). */
export function bandwidthIngressTarget(index: number): QdiscTarget {
  return { index, parent: TC_H.INGRESS, handle: BANDWIDTH_INGRESS_HANDLE, kind: 'ingress' };
}

/**
 * `tc qdisc add dev <link> root handle 1: tbf rate … burst … latency 25ms`, as the plugin sends
 * it (createTBF): PARMS only, buffer and limit from bandwidthTbf. On the host veth for
 * traffic towards the container (ingressRate/ingressBurst), on the ifb for traffic from it.
 */
export function bandwidthTbfMessage(
  index: number,
  rateBits: number,
  burstBits: number,
): QdiscMessage {
  const { rate, buffer, limit } = bandwidthTbf(rateBits, burstBits);
  return tbfMessage(index, rate, buffer, limit);
}

/**
 * Bytes a pacing tbf may queue on top of the plugin's limit: more than a few default socket
 * send buffers (net.core.wmem_default, 212992), so a sending socket fills its own buffer
 * and waits before the qdisc drops anything.
 */
export const BANDWIDTH_PACING_EXTRA_BYTES = 1024 * 1024;

/**
 * Ours, not the Go plugin's: the same tbf on the container's own interface, with
 * {@link BANDWIDTH_PACING_EXTRA_BYTES} more room, so that a sender in the container is held
 * back at the rate (a UDP socket blocks, as a TCP one does) instead of sending at full
 * speed into the ifb's tbf, which drops what is over the rate (containernetworking/plugins
 * #922). The ifb stays the limit the container cannot change.
 */
export function bandwidthPacingTbfMessage(
  index: number,
  rateBits: number,
  burstBits: number,
): QdiscMessage {
  const { rate, buffer, limit } = bandwidthTbf(rateBits, burstBits);
  return tbfMessage(
    index,
    rate,
    buffer,
    Math.min(limit + BANDWIDTH_PACING_EXTRA_BYTES, 0xffffffff),
  );
}

function tbfMessage(index: number, rate: number, buffer: number, limit: number): QdiscMessage {
  return {
    family: 0,
    index,
    handle: BANDWIDTH_TBF_HANDLE,
    parent: TC_H.ROOT,
    info: 0,
    attributes: [
      { kind: 'TCA_KIND', value: 'tbf' },
      { kind: 'TCA_OPTIONS', value: tbfOptionsFromBuffer({ rate, buffer, limit }) },
    ],
  };
}

/** `tc qdisc add dev <host veth> handle ffff: ingress`, as the plugin sends it (empty options). */
export function bandwidthIngressMessage(index: number): QdiscMessage {
  return {
    family: 0,
    index,
    handle: BANDWIDTH_INGRESS_HANDLE,
    parent: TC_H.INGRESS,
    info: 0,
    attributes: [
      { kind: 'TCA_KIND', value: 'ingress' },
      { kind: 'TCA_OPTIONS', value: { kind: 'ingress', attributes: [] } },
    ],
  };
}

function mirred(ifbIndex: number, verdict: number): ActionAttribute[] {
  return [
    { kind: 'TCA_ACT_KIND', value: 'mirred' },
    {
      kind: 'TCA_ACT_OPTIONS',
      flags: 0,
      value: {
        kind: 'mirred',
        attributes: [
          {
            kind: 'TCA_MIRRED_PARMS',
            value: {
              index: 0,
              capab: 0,
              action: verdict,
              refcnt: 0,
              bindcnt: 0,
              eaction: TCA_EGRESS_REDIR,
              ifindex: ifbIndex,
            },
          },
        ],
      },
    },
  ];
}

/**
 * The filter that sends everything arriving on the host veth to the ifb: `tc filter add dev
 * <host veth> parent ffff: protocol all prio 1 u32 match u32 0 0 flowid 1:1 action mirred
 * egress redirect dev <ifb>`, as the plugin sends it. vishvananda/netlink puts a redirect
 * (verdict stolen) first for the filter's RedirIndex and then the plugin's own mirred action
 * (verdict 0, "pass"), so the kernel shows two mirred actions; attribute order and flags are
 * the Go library's (TCA_U32_SEL first, TCA_ACT_OPTIONS without NLA_F_NESTED).
 */
export function bandwidthRedirectFilterMessage(index: number, ifbIndex: number): FilterMessage {
  return {
    family: 0,
    index,
    handle: 0,
    parent: BANDWIDTH_INGRESS_HANDLE,
    info: filterInfo(1, ETH_P.ALL),
    attributes: [
      { kind: 'TCA_KIND', value: 'u32' },
      {
        kind: 'TCA_OPTIONS',
        value: {
          kind: 'u32',
          attributes: [
            {
              kind: 'TCA_U32_SEL',
              value: {
                flags: TC_U32.TERMINAL,
                offshift: 0,
                offmask: 0,
                off: 0,
                offoff: 0,
                hoff: 0,
                hmask: 0,
                keys: [{ mask: 0, value: 0, off: 0, offmask: 0 }],
              },
            },
            { kind: 'TCA_U32_CLASSID', value: tcHandle(1, 1) },
            {
              kind: 'TCA_U32_ACT',
              value: [
                { order: 1, attributes: mirred(ifbIndex, TC_ACT.STOLEN) },
                { order: 2, attributes: mirred(ifbIndex, TC_ACT.OK) },
              ],
            },
          ],
        },
      },
    ],
  };
}
