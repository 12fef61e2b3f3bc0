import { NFPROTO } from './constants.ts';

/** The nftables families by the names nft(8) uses. */
export type NftFamily = 'ip' | 'ip6' | 'inet' | 'arp' | 'bridge' | 'netdev';

const NUMBERS: Readonly<Record<NftFamily, number>> = {
  ip: NFPROTO.IPV4,
  ip6: NFPROTO.IPV6,
  inet: NFPROTO.INET,
  arp: NFPROTO.ARP,
  bridge: NFPROTO.BRIDGE,
  netdev: NFPROTO.NETDEV,
};

/** nfgenmsg.nfgen_family of a family name. */
export function familyNumber(family: NftFamily): number {
  return NUMBERS[family];
}

/** The family name of an nfgen_family number, or undefined for one nft has no name for. */
export function familyName(number: number): NftFamily | undefined {
  for (const [name, value] of Object.entries(NUMBERS)) {
    if (value === number) return name as NftFamily;
  }
  return undefined;
}
