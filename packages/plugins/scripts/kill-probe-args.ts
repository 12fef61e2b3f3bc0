// Command line of scripts/kill-probe.ts.

/** The interface plugins the probe knows. */
export const PROBE_PLUGINS = ['bridge', 'ptp'] as const;
export type ProbePlugin = (typeof PROBE_PLUGINS)[number];

export interface KillProbeArgs {
  /** ADDs killed at random moments, per plugin and side. */
  readonly kills: number;
  /** Also probe the Go reference plugins (/usr/lib/cni). */
  readonly go: boolean;
  /** Our plugin directory (the multicall binary and its links); default: the test build. */
  readonly binDir: string | undefined;
  readonly plugins: readonly ProbePlugin[];
}

export const KILL_PROBE_USAGE = `usage: bun packages/plugins/scripts/kill-probe.ts [options]
  --kills N        ADDs killed at random moments per plugin and side (default 200)
  --go             also probe the Go reference plugins in /usr/lib/cni
  --bin-dir DIR    our plugin directory (default: the test build of the current sources)
  --plugin NAME    bridge or ptp (repeatable; default both)
`;

/** A command line the probe cannot use. */
export class KillProbeUsageError extends Error {
  override readonly name = 'KillProbeUsageError';
}

export function isKillProbeUsageError(error: unknown): error is KillProbeUsageError {
  return error instanceof KillProbeUsageError;
}

function isProbePlugin(name: string | undefined): name is ProbePlugin {
  return PROBE_PLUGINS.some((known) => known === name);
}

/** Parses the arguments after the script name. Throws KillProbeUsageError. */
export function parseKillProbeArgs(argv: readonly string[]): KillProbeArgs {
  let kills = 200;
  let go = false;
  let binDir: string | undefined;
  const plugins: ProbePlugin[] = [];
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    switch (flag) {
      case '--kills': {
        const n = Number(value);
        if (value === undefined || !Number.isInteger(n) || n < 1) {
          throw new KillProbeUsageError(`--kills wants an integer >= 1, got ${value ?? 'nothing'}`);
        }
        kills = n;
        i++;
        break;
      }
      case '--go':
        go = true;
        break;
      case '--bin-dir':
        if (value === undefined) throw new KillProbeUsageError('--bin-dir wants a directory');
        binDir = value;
        i++;
        break;
      case '--plugin':
        if (!isProbePlugin(value)) {
          throw new KillProbeUsageError(`--plugin wants bridge or ptp, got ${value ?? 'nothing'}`);
        }
        if (!plugins.includes(value)) plugins.push(value);
        i++;
        break;
      default:
        throw new KillProbeUsageError(`unknown argument ${flag}`);
    }
  }
  return { kills, go, binDir, plugins: plugins.length > 0 ? plugins : [...PROBE_PLUGINS] };
}
