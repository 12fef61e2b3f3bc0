import { type CommandDef, renderUsage } from 'citty';

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching ANSI colour codes
const ANSI = /\u001b\[[0-9;]*m/g;

const ENVIRONMENT = `
ENVIRONMENT

  NETCONFPATH    Configuration directory (default /etc/cni/net.d)
  CNI_PATH       Plugin directories, separated by ':'
  CNI_ARGS       Extra arguments for the plugins: K=V;K2=V2
  CAP_ARGS       Capability arguments, a JSON object (e.g. {"portMappings":[...]})
  CNI_IFNAME     Interface name when -i is not given (default eth0)
  CNI_CACHE_DIR  Result cache directory when --cache-dir is not given (default /var/lib/cni)

Errors are printed on stderr as the CNI error object, {"code":...,"msg":...,"details":...}.
`;

/** Text without ANSI colour codes. */
export function plain(text: string): string {
  return text.replace(ANSI, '');
}

/**
 * citty's usage text of a command (the root one followed by the environment variables),
 * without trailing blanks, and without colours unless `color` is set.
 */
export async function usageText(
  command: CommandDef,
  parent: CommandDef | undefined,
  color: boolean,
): Promise<string> {
  const rendered = await renderUsage(command, parent);
  const text = rendered
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n');
  const full = `${text}\n${parent === undefined ? ENVIRONMENT : ''}`;
  return color ? full : plain(full);
}
