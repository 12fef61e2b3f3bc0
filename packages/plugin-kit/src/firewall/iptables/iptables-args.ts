import type { IpFamily } from '@cni-ts/spec-types';

/** The iptables tool for a family. */
export type IptablesTool = 'iptables' | 'ip6tables';

/** The iptables commands the kit uses. */
export const IPTABLES_OP = {
  APPEND: '-A',
  CHECK: '-C',
  DELETE: '-D',
  NEW_CHAIN: '-N',
  FLUSH: '-F',
  DELETE_CHAIN: '-X',
  LIST_RULES: '-S',
} as const;

export type IptablesOp = (typeof IPTABLES_OP)[keyof typeof IPTABLES_OP];

/** Wait for the xtables lock instead of failing, as go-iptables always asks. */
export const IPTABLES_WAIT = '--wait';

export function iptablesTool(family: IpFamily): IptablesTool {
  return family === 4 ? 'iptables' : 'ip6tables';
}

/**
 * The argv after the tool name, in go-iptables' order: `-t <table> <op> [chain] [rule…] --wait`
 * (e.g. `-t nat -A POSTROUTING -s 10.1.0.5 -j CNI-… -m comment --comment … --wait`).
 */
export function iptablesArgs(
  table: string,
  op: IptablesOp,
  chain?: string,
  rule: readonly string[] = [],
): string[] {
  return ['-t', table, op, ...(chain === undefined ? [] : [chain]), ...rule, IPTABLES_WAIT];
}
