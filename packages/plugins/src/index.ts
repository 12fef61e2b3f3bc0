// @cni-ts/plugins: the CNI plugins of this project. Each is a plugin-kit plugin (call
// `invoke` in process, or `main` as a program); the multicall executable (src/main.ts,
// built by scripts/build.ts) runs them by the name it is started under.

export { ipamPlugins, resolveIpamPlugin } from './ipam-plugins.ts';
export { loopback } from './loopback/index.ts';
export { type MulticallPlugin, pluginNamed, pluginNames, plugins } from './registry.ts';
