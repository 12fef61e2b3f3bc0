// A minimal runtime over our libcni for the end-to-end tests. The test runs it INSIDE a
// throwaway host namespace (`ip netns exec <host> bun _libcni-driver.ts '<request>'`), so
// that everything the plugins make on the host side lands there. It runs the requested
// operations (all at once when `parallel`, else in order), each independent of the others'
// failures, and prints one JSON array with an outcome per operation.
import { CniConfig, loadNetworkConf } from '@cni-ts/libcni';
import { resultToJson } from '@cni-ts/spec-types';

export interface DriverOp {
  readonly op: 'add' | 'check' | 'del' | 'gc';
  readonly containerId: string;
  readonly netns?: string;
  readonly ifName?: string;
}

export interface DriverRequest {
  readonly confDir: string;
  readonly network: string;
  readonly cacheDir: string;
  readonly cniPath: readonly string[];
  readonly parallel: boolean;
  readonly ops: readonly DriverOp[];
}

export type DriverOutcome =
  | { readonly ok: true; readonly result?: unknown }
  | { readonly ok: false; readonly error: string };

const request = JSON.parse(process.argv[2] ?? '{}') as DriverRequest;
const cni = new CniConfig({ path: request.cniPath, cacheDir: request.cacheDir });
const list = await loadNetworkConf(request.confDir, request.network);

async function perform(op: DriverOp): Promise<DriverOutcome> {
  const runtime = { containerId: op.containerId, netns: op.netns, ifName: op.ifName ?? 'eth0' };
  try {
    switch (op.op) {
      case 'add':
        return { ok: true, result: resultToJson(await cni.addNetworkList(list, runtime)) };
      case 'check':
        await cni.checkNetworkList(list, runtime);
        return { ok: true };
      case 'del':
        await cni.delNetworkList(list, runtime);
        return { ok: true };
      case 'gc':
        await cni.gcNetworkList(list, {
          validAttachments: [{ containerID: op.containerId, ifname: op.ifName ?? 'eth0' }],
        });
        return { ok: true };
    }
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

const outcomes: DriverOutcome[] = [];
if (request.parallel) {
  outcomes.push(...(await Promise.all(request.ops.map(perform))));
} else {
  for (const op of request.ops) outcomes.push(await perform(op));
}
process.stdout.write(JSON.stringify(outcomes));
