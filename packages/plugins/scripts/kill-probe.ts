#!/usr/bin/env bun
// Kill probe (issue 21): bridge and ptp, ours and (with --go) the Go reference plugins in
// /usr/lib/cni, each with ipMasq and host-local:
// - random kills: N ADDs killed with SIGKILL at a random moment (up to 1.2 times the
//   slowest of three normal ADDs), each followed by DEL without a prevResult;
// - strace hold: the deterministic crash, ADD killed inside the reservation of the first
//   address, then DEL without a prevResult;
// - corrupt prevResult: ADD, then DEL with {"ips":[{"address":"not-an-ip","gateway":7}],
//   "interfaces":"zz"}.
// A failed DEL is retried up to 3 times, as runtimes retry DEL. Prints a table of the
// kills, DEL failures, DELs still failing after the retries, and what was left at the end
// (host veths, reservation files and how many of them are empty, temporary files,
// masquerade rules and chains); the kinds of DEL failure go to stderr.
// Needs root and strace; everything runs in throwaway namespaces, removed at the end, on
// failure and on Ctrl-C.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { netnsSkipReason } from '@cni-ts/plugin-kit/testing';
import { pluginBinDir } from '../test/_binary.ts';
import {
  addKilledAfter,
  addKilledInReservation,
  CORRUPT_PREV_RESULT,
  CRASH_PLUGINS,
  type CrashPlugin,
  crashAttachment,
  leftovers,
  timeAdd,
} from '../test/_crash.ts';
import {
  createPluginWorld,
  GO_PLUGIN_DIR,
  type PluginWorld,
  runPlugin,
  withPrev,
} from '../test/_world.ts';
import {
  isKillProbeUsageError,
  KILL_PROBE_USAGE,
  type KillProbeArgs,
  parseKillProbeArgs,
} from './kill-probe-args.ts';
import {
  failureKind,
  formatProbeTable,
  type ProbeRow,
  type ProbeSide,
} from './kill-probe-report.ts';

/** How long killed plugins' helpers (the Go host-local, iptables-restore) get to finish. */
const SETTLE_MS = 1000;

let interrupted = false;

function log(text: string): void {
  process.stderr.write(`${text}\n`);
}

/** One side's plugin. */
interface Probe {
  readonly side: ProbeSide;
  readonly binDir: string;
  readonly plugin: CrashPlugin;
}

/** DEL failures by side, plugin and kind, to print once each. */
const failureKinds = new Map<string, number>();

/** How often a failed DEL is retried before it counts as stuck. */
const RETRIES = 3;

/** What DEL did: failed the first time, and still failed after the retries. */
interface DelOutcome {
  readonly failed: boolean;
  readonly stuck: boolean;
}

function del(probe: Probe, world: PluginWorld, id: string, prev?: object): DelOutcome {
  const attachment = crashAttachment(world, probe.plugin, probe.binDir, id);
  const config = prev === undefined ? attachment.config : withPrev(attachment.config, prev);
  const once = () => runPlugin({ ...attachment, config, command: 'DEL' });
  const first = once();
  if (first.exitCode === 0) return { failed: false, stuck: false };
  const kind = `${probe.side} ${probe.plugin.type}: ${failureKind(first.stdout || first.stderr)}`;
  failureKinds.set(kind, (failureKinds.get(kind) ?? 0) + 1);
  for (let i = 0; i < RETRIES; i++) {
    if (once().exitCode === 0) return { failed: true, stuck: false };
  }
  return { failed: true, stuck: true };
}

async function randomKills(probe: Probe, kills: number): Promise<ProbeRow> {
  const { binDir, plugin } = probe;
  using world = createPluginWorld(1);
  const normal = await timeAdd(crashAttachment(world, plugin, binDir, 'timing'));
  let killed = 0;
  let tried = 0;
  let failures = 0;
  let stuck = 0;
  for (let i = 0; i < kills && !interrupted; i++) {
    const id = `rk${i}`;
    const delayMs = Math.random() * normal * 1.2;
    if (await addKilledAfter(crashAttachment(world, plugin, binDir, id), delayMs)) killed++;
    tried++;
    const outcome = del(probe, world, id);
    if (outcome.failed) failures++;
    if (outcome.stuck) stuck++;
  }
  await Bun.sleep(SETTLE_MS);
  log(
    `  ${probe.side} ${plugin.type}: normal ADD ${normal.toFixed(0)} ms, ${killed}/${tried} killed`,
  );
  return {
    side: probe.side,
    plugin: plugin.type,
    probe: 'random kills',
    killed,
    tried,
    delFailures: failures,
    dels: tried,
    stuck,
    left: leftovers(world.host, world.dataDir, plugin.network),
  };
}

async function straceHold(probe: Probe): Promise<ProbeRow> {
  const { binDir, plugin } = probe;
  using world = createPluginWorld(1);
  const [address = ''] = plugin.firstAddress.split('/');
  const store = join(world.dataDir, plugin.network);
  await addKilledInReservation(crashAttachment(world, plugin, binDir, 'st1'), store, address);
  const outcome = del(probe, world, 'st1');
  await Bun.sleep(SETTLE_MS);
  return {
    side: probe.side,
    plugin: plugin.type,
    probe: 'strace hold',
    killed: 1,
    tried: 1,
    delFailures: outcome.failed ? 1 : 0,
    dels: 1,
    stuck: outcome.stuck ? 1 : 0,
    left: leftovers(world.host, world.dataDir, plugin.network),
  };
}

function corruptPrevResult(probe: Probe): ProbeRow {
  const { binDir, plugin } = probe;
  using world = createPluginWorld(1);
  const add = runPlugin({ ...crashAttachment(world, plugin, binDir, 'cp1'), command: 'ADD' });
  if (add.exitCode !== 0) throw new Error(`${probe.side} ${plugin.type} ADD failed: ${add.stdout}`);
  const outcome = del(probe, world, 'cp1', CORRUPT_PREV_RESULT);
  return {
    side: probe.side,
    plugin: plugin.type,
    probe: 'corrupt prevResult',
    killed: 0,
    tried: 0,
    delFailures: outcome.failed ? 1 : 0,
    dels: 1,
    stuck: outcome.stuck ? 1 : 0,
    left: leftovers(world.host, world.dataDir, plugin.network),
  };
}

async function probeAll(args: KillProbeArgs): Promise<ProbeRow[]> {
  const sides: [ProbeSide, string][] = [['ours', args.binDir ?? pluginBinDir()]];
  if (args.go) sides.push(['Go', GO_PLUGIN_DIR]);
  const rows: ProbeRow[] = [];
  for (const [side, binDir] of sides) {
    for (const name of args.plugins) {
      if (interrupted) return rows;
      const plugin = CRASH_PLUGINS[name];
      if (!existsSync(join(binDir, plugin.type))) throw new Error(`no ${plugin.type} in ${binDir}`);
      const probe = { side, binDir, plugin };
      log(`${side} ${name}: ${args.kills} random kills, strace hold, corrupt prevResult`);
      rows.push(await randomKills(probe, args.kills));
      rows.push(await straceHold(probe));
      rows.push(corruptPrevResult(probe));
    }
  }
  return rows;
}

async function main(): Promise<number> {
  let args: KillProbeArgs;
  try {
    if (process.argv.includes('--help')) {
      process.stdout.write(KILL_PROBE_USAGE);
      return 0;
    }
    args = parseKillProbeArgs(process.argv.slice(2));
  } catch (error) {
    if (!isKillProbeUsageError(error)) throw error;
    process.stderr.write(`${error.message}\n${KILL_PROBE_USAGE}`);
    return 2;
  }
  const skip = netnsSkipReason();
  if (skip !== null) {
    log(`kill-probe: ${skip}`);
    return 1;
  }
  const stop = () => {
    interrupted = true;
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const rows = await probeAll(args);
  process.stdout.write(`${formatProbeTable(rows)}\n`);
  for (const [kind, count] of failureKinds) log(`DEL failed ${count}x: ${kind}`);
  return interrupted ? 130 : 0;
}

process.exit(await main());
