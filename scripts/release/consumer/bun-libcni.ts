// Run by Bun with the packed @cni-ts/libcni: loads the conflist from argv[2] (a net.d
// folder), ADDs it with the plugins in argv[3], prints the result, DELs it.
import { CniConfig, loadNetworkConf } from '@cni-ts/libcni';

const [confDir, binDir, cacheDir] = process.argv.slice(2);
if (confDir === undefined || binDir === undefined || cacheDir === undefined) {
  throw new Error('usage: bun bun-libcni.ts CONF_DIR BIN_DIR CACHE_DIR');
}
const cni = new CniConfig({ path: [binDir], cacheDir });
const list = await loadNetworkConf(confDir, 'consumer');
const runtime = { containerId: 'consumer1', netns: '/var/run/netns/consumer1', ifName: 'eth0' };
const result = await cni.addNetworkList(list, runtime, { signal: AbortSignal.timeout(20_000) });
await cni.delNetworkList(list, runtime);
console.log(JSON.stringify(result));
