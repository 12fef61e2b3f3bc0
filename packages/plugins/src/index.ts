// @cni-ts/plugins: the CNI plugins of this project. Each is a plugin-kit plugin (call
// `invoke` in process, or `main` as a program); the multicall executable (src/main.ts,
// built by scripts/build.ts) runs them by the name it is started under.

export { bandwidth } from './bandwidth/index.ts';
export { bridge } from './bridge/index.ts';
export { dummy } from './dummy/index.ts';
export { firewall } from './firewall/index.ts';
export { hostDevice } from './host-device/index.ts';
export { hostLocal } from './host-local/index.ts';
export { ipamPlugins } from './ipam-plugins.ts';
export { resolveIpamPlugin } from './ipam-resolver.ts';
export { ipvlan } from './ipvlan/index.ts';
export { loopback } from './loopback/index.ts';
export { macvlan } from './macvlan/index.ts';
export { portmap } from './portmap/index.ts';
export { ptp } from './ptp/index.ts';
export { type MulticallPlugin, pluginNamed, pluginNames, plugins } from './registry.ts';
export { sbr } from './sbr/index.ts';
export { staticIpam } from './static/index.ts';
export { tap } from './tap/index.ts';
export { tuning } from './tuning/index.ts';
export { vlan } from './vlan/index.ts';
export { vrf } from './vrf/index.ts';
