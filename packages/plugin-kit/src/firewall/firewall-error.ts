/** The netfilter tools the kit drives. */
export type FirewallTool =
  | 'iptables'
  | 'ip6tables'
  | 'iptables-restore'
  | 'ip6tables-restore'
  | 'nft';

/**
 * Why a firewall tool failed:
 * - `not-found`: the table, chain or rule named does not exist;
 * - `exists`: the chain to create exists already;
 * - `tool-missing`: the executable is not installed (not on PATH);
 * - `bad-output`: the tool succeeded but printed something the kit cannot read;
 * - `failed`: anything else (no permission, a syntax error, a missing kernel module…).
 */
export type FirewallErrorCode = 'not-found' | 'exists' | 'tool-missing' | 'bad-output' | 'failed';

/** Exit status the kit's runners report when the executable could not be started (as shells do). */
export const EXIT_TOOL_MISSING = 127;

// iptables-legacy and iptables-nft word "not there" differently, and so does nft.
const NOT_FOUND = [
  'does not exist',
  'No chain/target/match by that name',
  'Bad rule (does a matching rule exist in that chain?)',
  'No such file or directory',
];
const EXISTS = ['Chain already exists', 'File exists'];

/** The code a failed run gets from its exit status and standard error. */
export function classifyFailure(exitCode: number, stderr: string): FirewallErrorCode {
  if (exitCode === EXIT_TOOL_MISSING) return 'tool-missing';
  if (NOT_FOUND.some((text) => stderr.includes(text))) return 'not-found';
  if (EXISTS.some((text) => stderr.includes(text))) return 'exists';
  return 'failed';
}

/** A netfilter tool (iptables, ip6tables, nft) that failed or printed something unreadable. */
export class FirewallError extends Error {
  override readonly name = 'FirewallError';
  readonly tool: FirewallTool;
  /** The arguments after the tool name. */
  readonly args: readonly string[];
  /** The exit status; 0 for `bad-output`, EXIT_TOOL_MISSING when the tool is not installed. */
  readonly exitCode: number;
  readonly stderr: string;
  readonly code: FirewallErrorCode;

  constructor(
    tool: FirewallTool,
    args: readonly string[],
    exitCode: number,
    stderr: string,
    code: FirewallErrorCode = classifyFailure(exitCode, stderr),
  ) {
    // The shape of go-iptables' error text, so logs read the same as upstream's.
    super(`running [${[tool, ...args].join(' ')}]: exit status ${exitCode}: ${stderr.trim()}`);
    this.tool = tool;
    this.args = [...args];
    this.exitCode = exitCode;
    this.stderr = stderr;
    this.code = code;
  }
}

export function isFirewallError(error: unknown): error is FirewallError {
  return error instanceof FirewallError;
}

/** The table, chain or rule does not exist (a teardown treats this as success). */
export function isFirewallNotFound(error: unknown): error is FirewallError {
  return isFirewallError(error) && error.code === 'not-found';
}

/** The chain to create exists already. */
export function isFirewallExists(error: unknown): error is FirewallError {
  return isFirewallError(error) && error.code === 'exists';
}

/** The tool is not installed. */
export function isFirewallToolMissing(error: unknown): error is FirewallError {
  return isFirewallError(error) && error.code === 'tool-missing';
}
