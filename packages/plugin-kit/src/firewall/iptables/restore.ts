import type { IpFamily } from '@cni-ts/spec-types';
import { type CommandResult, type FirewallExecOptions, tryTool } from '../command-runner.ts';
import { tryToolAsync } from '../command-runner-async.ts';
import type { FirewallTool } from '../firewall-error.ts';
import { IPTABLES_WAIT } from './iptables-args.ts';

// Batches for `iptables-restore --noflush` / `ip6tables-restore --noflush`: many commands
// in one process and one transaction. A batch applies completely or not at all (legacy
// commits the table once at COMMIT; nft sends one netlink batch), so a failed batch leaves
// the rules as they were and the caller can fall back to a slower, listing-based path.

/** The restore tool for a family. */
export type RestoreTool = Extract<FirewallTool, 'iptables-restore' | 'ip6tables-restore'>;

export function restoreTool(family: IpFamily): RestoreTool {
  return family === 4 ? 'iptables-restore' : 'ip6tables-restore';
}

/** Keep existing rules, wait for the xtables lock (as every go-iptables call does). */
export const RESTORE_ARGS: readonly string[] = ['--noflush', IPTABLES_WAIT];

/** `/^[A-Za-z0-9_.:/!+=,@%-]+$/` by a loop: a regular expression's first use costs an exec. */
function isPlainWord(word: string): boolean {
  if (word === '') return false;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    const alnum = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
    if (!alnum && '_.:/!+=,@%-'.indexOf(word[i] as string) === -1) return false;
  }
  return true;
}

/**
 * One word as iptables-restore reads it: plain words as they are, anything else in double
 * quotes with `\` and `"` escaped (the quoting iptables-save writes and restore undoes).
 * Restore cannot carry a line break in a word; none of the backend's words has one (the
 * comments are Go-quoted, the rest are addresses, chain names and options).
 */
export function restoreWord(word: string): string {
  if (isPlainWord(word)) return word;
  let quoted = '"';
  for (let i = 0; i < word.length; i++) {
    const char = word[i] as string;
    quoted += char === '\\' || char === '"' ? `\\${char}` : char;
  }
  return `${quoted}"`;
}

/** One command line of a batch: `<op> <chain> <rule…>` (e.g. `-A POSTROUTING -s …`). */
export function restoreLine(op: string, chain: string, rule: readonly string[] = []): string {
  // A loop, not map(): the ADDs call no JavaScript-implemented builtin (issue 22).
  let line = `${restoreWord(op)} ${restoreWord(chain)}`;
  for (const word of rule) line += ` ${restoreWord(word)}`;
  return line;
}

/** The text fed to the restore tool: the table, the lines, COMMIT. */
export function restoreBatch(table: string, lines: readonly string[]): string {
  let text = `*${table}\n`;
  for (const line of lines) text += `${line}\n`;
  return `${text}COMMIT\n`;
}

/** Runs one batch and returns the tool's result without judging it. */
export function tryRestore(
  family: IpFamily,
  table: string,
  lines: readonly string[],
  options: FirewallExecOptions = {},
): CommandResult {
  return tryTool(restoreTool(family), RESTORE_ARGS, options, restoreBatch(table, lines));
}

/** {@link tryRestore}, started now and awaited later. */
export function tryRestoreAsync(
  family: IpFamily,
  table: string,
  lines: readonly string[],
  options: FirewallExecOptions = {},
): Promise<CommandResult> {
  return tryToolAsync(restoreTool(family), RESTORE_ARGS, options, restoreBatch(table, lines));
}
