import { constants } from 'node:os';
import type { ArgPairs, CniConfig, NetworkConfigList, RuntimeConf } from '@cni-ts/libcni';
import { containerIdForNetns } from '../container-id.ts';
import type { ToolEnv } from '../io.ts';
import { type Attachment, detach } from './_detach.ts';
import { createNamedNetns, deleteNamedNetns, type Netns, withNetns } from './_netns.ts';
import { relaySignals, type SignalRelay } from './_signal-relay.ts';

/** The signals `run` catches: forwarded to the command, then the namespace is cleaned up. */
const SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** The prefix of the namespaces `run` creates (`/run/netns/cnitool-run-<8 hex>`). */
export const RUN_NETNS_PREFIX = 'cnitool-run-';

/** The exit status when the command cannot be started (as shells report it). */
export const EXIT_CANNOT_RUN = 127;

/** Options of {@link runInNetworks}. */
export interface RunInNetworksOptions {
  readonly cni: CniConfig;
  /** The networks to attach, in order: the first as `<prefix>0`, the next `<prefix>1`, ... */
  readonly networks: readonly NetworkConfigList[];
  readonly ifnamePrefix: string;
  /** The command and its arguments. */
  readonly command: readonly string[];
  /** The command's environment (CNITOOL_NETNS and CNITOOL_CONTAINER_ID are added). */
  readonly env: ToolEnv;
  /** CNI_ARGS and capability arguments for every attachment. */
  readonly args?: ArgPairs | undefined;
  readonly capabilityArgs?: Readonly<Record<string, unknown>> | undefined;
  /** Reports a problem that does not stop the cleanup (a failed DEL, an unstartable command). */
  readonly report: (error: unknown) => void;
}

function randomSuffix(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(4));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

function signalStatus(signal: NodeJS.Signals | number): number {
  return 128 + (typeof signal === 'number' ? signal : (constants.signals[signal] ?? 0));
}

function childEnv(env: ToolEnv, netns: string, containerId: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined) out[key] = value;
  return { ...out, CNITOOL_NETNS: netns, CNITOOL_CONTAINER_ID: containerId };
}

/**
 * Attaches the networks in order, recording each in `attached` before its ADD (a failed
 * ADD may have done part of its work: the plugins before the failing one ran); stops
 * early on a signal.
 */
async function attachAll(
  options: RunInNetworksOptions,
  ns: Netns,
  relay: SignalRelay,
  attached: Attachment[],
): Promise<void> {
  const containerId = containerIdForNetns(ns.path);
  for (const [index, list] of options.networks.entries()) {
    if (relay.caught !== undefined) return;
    const runtime: RuntimeConf = {
      containerId,
      netns: ns.path,
      ifName: `${options.ifnamePrefix}${index}`,
      args: options.args,
      capabilityArgs: options.capabilityArgs,
    };
    const attachment: Attachment = { list, runtime, added: false };
    attached.push(attachment);
    await options.cni.addNetworkList(list, runtime);
    attachment.added = true;
  }
}

/** Starts the command inside `ns` (the spawn is synchronous) and waits for it outside. */
async function runCommandIn(
  options: RunInNetworksOptions,
  ns: Netns,
  relay: SignalRelay,
): Promise<number> {
  const env = childEnv(options.env, ns.path, containerIdForNetns(ns.path));
  let child: Bun.Subprocess;
  try {
    child = withNetns(ns, () =>
      Bun.spawn({ cmd: [...options.command], env, stdio: ['inherit', 'inherit', 'inherit'] }),
    );
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    options.report(new Error(`cannot run ${JSON.stringify(options.command[0])}: ${text}`));
    return EXIT_CANNOT_RUN;
  }
  relay.forwardTo(child);
  await child.exited;
  const { signalCode, exitCode } = child;
  return signalCode !== null ? signalStatus(signalCode) : (exitCode ?? 1);
}

/**
 * Detaches in reverse order, also the network whose ADD failed, and removes the
 * namespace; false when anything failed.
 */
async function cleanUp(
  options: RunInNetworksOptions,
  name: string,
  ns: Netns,
  attached: readonly Attachment[],
): Promise<boolean> {
  let clean = true;
  for (const attachment of [...attached].reverse()) {
    if (!(await detach(options.cni, attachment, options.report))) clean = false;
  }
  ns.close();
  try {
    deleteNamedNetns(name);
  } catch (error) {
    clean = false;
    options.report(error);
  }
  return clean;
}

/**
 * The priv-net-run.sh workflow in one call: creates a named network namespace, attaches
 * it to each network in order (ifnames `<prefix>0`, `<prefix>1`, ...), runs the command
 * inside it and waits for it, then detaches in reverse order and removes the namespace:
 * always, also when an ADD or the command fails or a signal (SIGINT, SIGTERM, SIGHUP)
 * arrives, which is forwarded to the command. Resolves to the command's exit status
 * (128 + n when it died of signal n; 127 when it could not be started), or 1 when the
 * command succeeded but the cleanup did not. An ADD failure rejects, after the cleanup.
 */
export async function runInNetworks(options: RunInNetworksOptions): Promise<number> {
  using relay = relaySignals(SIGNALS);
  const name = `${RUN_NETNS_PREFIX}${randomSuffix()}`;
  const ns = createNamedNetns(name);
  const attached: Attachment[] = [];
  let outcome: { readonly status: number } | { readonly error: unknown };
  try {
    await attachAll(options, ns, relay, attached);
    const { caught } = relay;
    outcome = { status: caught ? signalStatus(caught) : await runCommandIn(options, ns, relay) };
  } catch (error) {
    outcome = { error };
  }
  const clean = await cleanUp(options, name, ns, attached);
  if ('error' in outcome) throw outcome.error;
  return outcome.status === 0 && !clean ? 1 : outcome.status;
}
