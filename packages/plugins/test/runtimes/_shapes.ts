// The JSON shapes the runtime tests read back: a CNI result as Go re-encodes it, libcni's
// cache file, podman's view of a container's network.
import { readFileSync } from 'node:fs';
import * as v from 'valibot';

/** A CNI result (any version from 0.3.0 on), the fields the tests look at. */
export const ResultShape = v.looseObject({
  cniVersion: v.string(),
  interfaces: v.optional(
    v.array(
      v.looseObject({
        name: v.string(),
        mac: v.optional(v.string()),
        sandbox: v.optional(v.string()),
      }),
    ),
  ),
  ips: v.optional(
    v.array(
      v.looseObject({
        address: v.string(),
        gateway: v.optional(v.string()),
        interface: v.optional(v.number()),
      }),
    ),
  ),
  routes: v.optional(v.array(v.looseObject({ dst: v.string(), gw: v.optional(v.string()) }))),
});

/** A CNI result as parsed by {@link ResultShape}. */
export type ResultView = v.InferOutput<typeof ResultShape>;

const CacheFileShape = v.looseObject({
  kind: v.string(),
  containerId: v.string(),
  ifName: v.string(),
  networkName: v.string(),
  result: ResultShape,
});

/** Reads one of libcni's cache files (results/<network>-<container>-<ifname>). */
export function readCacheFile(path: string): v.InferOutput<typeof CacheFileShape> {
  return v.parse(CacheFileShape, JSON.parse(readFileSync(path, 'utf8')));
}

const PodmanNetworkShape = v.looseObject({
  IPAddress: v.string(),
  IPPrefixLen: v.number(),
  Gateway: v.string(),
  MacAddress: v.string(),
});

/** `podman inspect --format '{{json .NetworkSettings.Networks.<name>}}'` output. */
export function parsePodmanNetwork(text: string): v.InferOutput<typeof PodmanNetworkShape> {
  return v.parse(PodmanNetworkShape, JSON.parse(text));
}
