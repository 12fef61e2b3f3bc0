import type { UnknownAttribute } from '../_attribute-table.ts';
import type { InetFamily } from '../_ip.ts';

/** struct ifa_cacheinfo: lifetimes in seconds (INFINITY_LIFE_TIME = forever), stamps in 1/100 s. */
export interface AddressCacheInfo {
  /** ifa_prefered */
  readonly preferred: number;
  /** ifa_valid */
  readonly valid: number;
  /** cstamp: when the address was added, hundredths of seconds since boot. */
  readonly created: number;
  /** tstamp: when it last changed. */
  readonly updated: number;
}

/** One attribute of an RTM_*ADDR message, in wire order; IPs as text. */
export type AddressAttribute =
  | { readonly kind: 'IFA_ADDRESS'; readonly value: string }
  | { readonly kind: 'IFA_LOCAL'; readonly value: string }
  | { readonly kind: 'IFA_LABEL'; readonly value: string }
  | { readonly kind: 'IFA_BROADCAST'; readonly value: string }
  | { readonly kind: 'IFA_ANYCAST'; readonly value: string }
  | { readonly kind: 'IFA_CACHEINFO'; readonly value: AddressCacheInfo }
  | { readonly kind: 'IFA_MULTICAST'; readonly value: string }
  | { readonly kind: 'IFA_FLAGS'; readonly value: number }
  | { readonly kind: 'IFA_RT_PRIORITY'; readonly value: number }
  | { readonly kind: 'IFA_TARGET_NETNSID'; readonly value: number }
  | { readonly kind: 'IFA_PROTO'; readonly value: number }
  | UnknownAttribute;

/** An RTM_NEWADDR / RTM_DELADDR / RTM_GETADDR message: struct ifaddrmsg and its attributes. */
export interface AddressMessage {
  /** ifa_family: AF_INET or AF_INET6 (AF_UNSPEC in a dump request for both). */
  readonly family: number;
  /** ifa_prefixlen */
  readonly prefixLength: number;
  /** ifa_flags: the low 8 bits of IFA_F_*; IFA_FLAGS, when present, holds all 32. */
  readonly flags: number;
  /** ifa_scope: RT_SCOPE_* */
  readonly scope: number;
  /** ifa_index: the link's index. */
  readonly index: number;
  readonly attributes: readonly AddressAttribute[];
}

/** An address as the kernel reports it (`ip addr show`). */
export interface Address {
  readonly family: InetFamily;
  /** The link's index. */
  readonly index: number;
  /** The local address with its prefix length, e.g. "10.1.2.3/24" (IFA_LOCAL, else IFA_ADDRESS). */
  readonly address: string;
  /** The far end of a point-to-point address (IFA_ADDRESS when it differs from IFA_LOCAL). */
  readonly peer?: string;
  readonly broadcast?: string;
  readonly anycast?: string;
  readonly label?: string;
  /** RT_SCOPE_* */
  readonly scope: number;
  /** All IFA_F_* bits (IFA_FLAGS when present, else ifa_flags). */
  readonly flags: number;
  /** Seconds; INFINITY_LIFE_TIME (0xffffffff) means forever. */
  readonly validLifetime?: number;
  readonly preferredLifetime?: number;
  /** Metric of the prefix route the kernel adds (IFA_RT_PRIORITY). */
  readonly routePriority?: number;
  /** IFAPROT_*: who added the address (IFA_PROTO). */
  readonly protocol?: number;
  /** The message it was read from, with every attribute in wire order. */
  readonly message: AddressMessage;
}

/** What to add, replace or delete (`ip addr add|replace|del`). */
export interface AddressSpec {
  /** The link's index. */
  readonly index: number;
  /** "ip/prefix", IPv4 or IPv6 (a bare IP means /32 or /128). */
  readonly address: string;
  /** Point-to-point peer (a bare IP); sent as IFA_ADDRESS instead of the local address. */
  readonly peer?: string;
  /**
   * IPv4 broadcast. Left out, it is computed for prefixes up to /30 as `ip addr add … brd +`
   * and Go's netlink.AddrAdd do (so addresses look like the reference plugins'); `false`
   * sends none (plain `ip addr add`); a string sends that address. Ignored for IPv6.
   */
  readonly broadcast?: string | false;
  /** IFA_LABEL, e.g. "eth0:1" (IPv4 only, must start with the link name). */
  readonly label?: string;
  /** RT_SCOPE_*; default universe, host for 127.0.0.0/8 (as ip does). */
  readonly scope?: number;
  /** IFA_F_* bits: IFA_F.NODAD, IFA_F.NOPREFIXROUTE, … (bits above 0xff go in IFA_FLAGS). */
  readonly flags?: number;
  /** Seconds (`valid_lft`); default forever. */
  readonly validLifetime?: number;
  /** Seconds (`preferred_lft`); default forever; must not exceed validLifetime. */
  readonly preferredLifetime?: number;
}

/** Which addresses listAddresses returns. */
export interface AddressFilter {
  /** Only this link's addresses. */
  readonly index?: number;
  /** Only AF_INET or AF_INET6. */
  readonly family?: InetFamily;
}
