import { formatCidr, type IpConfig100 } from '@cni-ts/spec-types';
import { HostLocalError } from './host-local-error.ts';
import { formatIpValue, type IpValue, ipBytes, nextIp, sameIp } from './ip-value.ts';
import { type Range, rangeContains } from './range.ts';
import { formatRangeSet, type RangeSet, rangeFor, rangeSetContains } from './range-set.ts';
import type { DiskStore } from './store.ts';

/** A candidate address and the range it comes from. */
export interface Candidate {
  readonly ip: IpValue;
  readonly range: Range;
}

/**
 * The addresses to try, round robin as upstream: starting after `last` when some range of
 * the set contains it (else at the first range's start), through each range to its end, on
 * to the next range's start, wrapping around, skipping each range's gateway, and stopping
 * when back where it started. Each is handed to `visit` until it answers true (a callback,
 * not a generator: resuming one costs an exec the first call of a builtin, issue 22).
 */
export function visitCandidates(
  set: RangeSet,
  last: IpValue | undefined,
  visit: (candidate: Candidate) => boolean,
): void {
  let resumeAt = -1;
  for (let i = 0; last !== undefined && i < set.length && resumeAt < 0; i++) {
    if (rangeContains(set[i] as Range, last)) resumeAt = i;
  }
  let index = Math.max(resumeAt, 0);
  let range = set[index];
  if (range === undefined) return;
  let current: IpValue | undefined = resumeAt < 0 ? undefined : last;
  let start: IpValue | undefined;
  for (;;) {
    if (current === undefined) {
      current = range.rangeStart;
    } else if (sameIp(current, range.rangeEnd)) {
      index = (index + 1) % set.length;
      range = set[index] ?? range;
      current = range.rangeStart;
    } else {
      current = nextIp(current);
    }
    if (start === undefined) start = current;
    else if (sameIp(current, start)) return;
    if (!sameIp(current, range.gateway) && visit({ ip: current, range })) return;
  }
}

/** An address handed out: the address itself and the result entry for it. */
export interface Allocation {
  readonly ip: IpValue;
  /** The address with its subnet's prefix length, and the range's gateway. */
  readonly config: IpConfig100;
}

function allocation(ip: IpValue, range: Range): Allocation {
  return {
    ip,
    config: {
      address: formatCidr({ ip: ipBytes(ip), prefix: range.subnet.prefix }),
      gateway: formatIpValue(range.gateway),
    },
  };
}

function allocateRequested(
  store: DiskStore,
  set: RangeSet,
  rangeIndex: number,
  attachment: Attachment,
  requested: IpValue,
): Allocation {
  const range = rangeFor(set, requested);
  const ip = formatIpValue(requested);
  if (range === undefined) {
    throw new HostLocalError(`${ip} not in range set ${formatRangeSet(set)}`);
  }
  if (sameIp(requested, range.gateway)) {
    throw new HostLocalError(`requested ip ${ip} is subnet's gateway`);
  }
  if (!store.reserve(attachment.containerId, attachment.ifName, requested, rangeIndex)) {
    throw new HostLocalError(
      `requested IP address ${ip} is not available in range set ${formatRangeSet(set)}`,
    );
  }
  return allocation(requested, range);
}

/** Who an address is for. */
export interface Attachment {
  readonly containerId: string;
  readonly ifName: string;
}

/**
 * Allocates one address from range set `rangeIndex` for the attachment, with the store
 * locked by the caller: `requested` if given (it must be in the set, not a gateway, and
 * free), else the next free address round robin (see {@link visitCandidates}), refusing when
 * the attachment already holds an address in the set. Throws a HostLocalError with
 * upstream's text.
 */
export function allocateIp(
  store: DiskStore,
  set: RangeSet,
  rangeIndex: number,
  attachment: Attachment,
  requested?: IpValue,
): Allocation {
  if (requested !== undefined) {
    return allocateRequested(store, set, rangeIndex, attachment, requested);
  }
  for (const held of store.heldBy(attachment.containerId, attachment.ifName)) {
    if (rangeSetContains(set, held.ip)) {
      throw new HostLocalError(
        `${formatIpValue(held.ip)} has been allocated to ${attachment.containerId}, duplicate allocation is not allowed`,
      );
    }
  }
  let found: Allocation | undefined;
  visitCandidates(set, store.lastReservedIp(rangeIndex), ({ ip, range }) => {
    if (!store.reserve(attachment.containerId, attachment.ifName, ip, rangeIndex)) return false;
    found = allocation(ip, range);
    return true;
  });
  if (found !== undefined) return found;
  throw new HostLocalError(`no IP addresses available in range set: ${formatRangeSet(set)}`);
}
