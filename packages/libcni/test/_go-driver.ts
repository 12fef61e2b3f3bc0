// A minimal runtime over libcni for go-plugins.netns.test.ts. The test runs it INSIDE a
// throwaway "host" namespace (`ip netns exec <host> bun _go-driver.ts '<request>'`), so
// that everything the Go plugins make on the host side lands there. It runs the requested
// operations in order, each one independent of the others' failures, and prints one JSON
// array with an outcome per operation.

import { resultToJson } from '@cni-ts/spec-types';
import { CniConfig, loadNetworkConf, type RuntimeConf } from '../src/index.ts';

/** One operation of a request. */
export interface DriverOp {
  readonly op: 'add' | 'check' | 'del' | 'gc' | 'status' | 'validate';
  readonly network: string;
  readonly containerId?: string;
  readonly netns?: string;
  readonly ifName?: string;
  readonly capabilityArgs?: Record<string, unknown>;
}

/** What the test sends (as the first argument, JSON). */
export interface DriverRequest {
  readonly confDir: string;
  readonly cacheDir: string;
  readonly cniPath: readonly string[];
  readonly ops: readonly DriverOp[];
  /** CniConfig's option; default true. */
  readonly negotiateWithPlugins?: boolean;
}

/** The outcome of one operation. */
export type DriverOutcome =
  | { readonly ok: true; readonly result?: unknown }
  | {
      readonly ok: false;
      readonly error: { readonly name: string; readonly message: string; readonly code?: number };
    };

async function perform(cni: CniConfig, confDir: string, op: DriverOp): Promise<unknown> {
  const list = await loadNetworkConf(confDir, op.network);
  const runtime: RuntimeConf = {
    containerId: op.containerId ?? '',
    netns: op.netns,
    ifName: op.ifName ?? 'eth0',
    capabilityArgs: op.capabilityArgs,
  };
  switch (op.op) {
    case 'add':
      return resultToJson(await cni.addNetworkList(list, runtime));
    case 'check':
      return await cni.checkNetworkList(list, runtime);
    case 'del':
      return await cni.delNetworkList(list, runtime);
    case 'gc':
      return await cni.gcNetworkList(list);
    case 'status':
      return await cni.getStatusNetworkList(list);
    case 'validate':
      return await cni.validateNetworkList(list);
  }
}

function describeError(error: unknown): DriverOutcome {
  if (!(error instanceof Error))
    return { ok: false, error: { name: 'unknown', message: String(error) } };
  const code = (error as { code?: unknown }).code;
  return {
    ok: false,
    error: {
      name: error.name,
      message: error.message,
      ...(typeof code === 'number' ? { code } : {}),
    },
  };
}

const request = JSON.parse(process.argv[2] ?? '{}') as DriverRequest;
const cni = new CniConfig({
  path: request.cniPath,
  cacheDir: request.cacheDir,
  negotiateWithPlugins: request.negotiateWithPlugins ?? true,
});
const outcomes: DriverOutcome[] = [];
for (const op of request.ops) {
  try {
    const result = await perform(cni, request.confDir, op);
    outcomes.push(result === undefined ? { ok: true } : { ok: true, result });
  } catch (error) {
    outcomes.push(describeError(error));
  }
}
process.stdout.write(JSON.stringify(outcomes));
