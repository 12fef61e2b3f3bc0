// @cni-ts/libcni: the runtime side of CNI 1.1.0. Config loading, plugin lookup and exec,
// the result cache, and the ADD/CHECK/DEL/GC/STATUS/VERSION operations, interoperable
// with the Go libcni (same cache files, same plugin input, same error texts).

// Operations
export { CniConfig, type CniConfigOptions } from './api/cni-config.ts';
export type {
  ArgPairs,
  CachedConfig,
  GcArgs,
  NetworkAttachment,
  OperationOptions,
  RuntimeConf,
} from './api/runtime-conf.ts';
// Result cache
export { cacheFilePath } from './cache/cache-path.ts';
export {
  type CacheEntry,
  type CacheRecord,
  decodeCacheRecord,
  encodeCacheRecord,
} from './cache/cache-record.ts';
export { CNI_CACHE_V1, DEFAULT_CACHE_DIR } from './cache/constants.ts';
export { type CacheWrite, ResultCache } from './cache/result-cache.ts';
// Configuration
export { confFiles } from './conf/conf-files.ts';
export { networkConfFromBytes } from './conf/conf-list-from-bytes.ts';
export { confListFromConf } from './conf/conf-list-from-conf.ts';
export { networkConfFromFile } from './conf/conf-list-from-file.ts';
export { injectConf } from './conf/inject-conf.ts';
export { loadConf } from './conf/load-conf.ts';
export { loadNetworkConf } from './conf/load-network-conf.ts';
export { networkPluginConfFromBytes } from './conf/plugin-conf-from-bytes.ts';
export { networkPluginConfsFromFiles } from './conf/plugin-confs-from-files.ts';
export { buildRuntimeConfig } from './conf/runtime-config.ts';
export type { NetworkConfigList, PluginConfig } from './conf/types.ts';
// Delegation (meta and main plugins calling IPAM and other delegates)
export {
  type DelegateOptions,
  delegateAdd,
  delegateCheck,
  delegateDel,
  delegateGc,
  delegateStatus,
} from './delegate/delegate.ts';
// Errors
export { CacheError, isCacheError } from './errors/cache-error.ts';
export {
  CheckNotSupportedError,
  isCheckNotSupported,
} from './errors/check-not-supported-error.ts';
export { isAborted } from './errors/is-aborted.ts';
export { isMultiError, MultiError } from './errors/multi-error.ts';
export {
  isNoConfigsFound,
  isNotFound,
  NoConfigsFoundError,
  NotFoundError,
} from './errors/not-found-error.ts';
export {
  describePlugin,
  isPluginError,
  PluginError,
  type PluginIdentity,
  type PluginVerb,
} from './errors/plugin-error.ts';
export {
  isPluginLookupError,
  isPluginNotFound,
  PluginLookupError,
  type PluginLookupReason,
} from './errors/plugin-lookup-error.ts';
export {
  isUnsupportedVersion,
  UnsupportedVersionError,
} from './errors/unsupported-version-error.ts';
// Plugin lookup and exec
export { delegateEnv, type PluginArgs, pluginEnv } from './invoke/args.ts';
export {
  DEFAULT_KILL_GRACE_PERIOD_MS,
  DefaultExec,
  type DefaultExecOptions,
} from './invoke/default-exec.ts';
export type { Environment, Exec, ExecPluginOptions, StderrSink } from './invoke/exec.ts';
export {
  execPluginWithoutResult,
  execPluginWithResult,
  parsePluginResult,
} from './invoke/exec-plugin.ts';
export { findInPath, type RegularFileTest, splitPath } from './invoke/find-in-path.ts';
export { getVersionInfo } from './invoke/version-info.ts';
