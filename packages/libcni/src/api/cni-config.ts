import type { Result, VersionInfo } from '@cni-ts/spec-types';
import { DEFAULT_CACHE_DIR } from '../cache/constants.ts';
import { ResultCache } from '../cache/result-cache.ts';
import type { NetworkConfigList, PluginConfig } from '../conf/types.ts';
import { DefaultExec } from '../invoke/default-exec.ts';
import type { Environment, Exec, StderrSink } from '../invoke/exec.ts';
import { addNetwork, addNetworkList } from './_add.ts';
import { checkNetwork, checkNetworkList } from './_check.ts';
import type { OperationContext } from './_context.ts';
import { delNetwork, delNetworkList } from './_del.ts';
import { gcNetworkList } from './_gc.ts';
import { negotiateWithPlugins } from './_negotiate.ts';
import { pluginVersionInfo } from './_plugin-version.ts';
import { getStatusNetworkList } from './_status.ts';
import { validateNetwork, validateNetworkList } from './_validate.ts';
import { VersionCache } from './_version-cache.ts';
import type {
  CachedConfig,
  GcArgs,
  NetworkAttachment,
  OperationOptions,
  RuntimeConf,
} from './runtime-conf.ts';

/** Options of {@link CniConfig}. */
export interface CniConfigOptions {
  /** The directories plugins are looked up in, in order (CNI_PATH). */
  readonly path: readonly string[];
  /** The result cache directory; default {@link DEFAULT_CACHE_DIR} (/var/lib/cni). */
  readonly cacheDir?: string | undefined;
  /** How plugins are found and run; default a {@link DefaultExec} built from these options. */
  readonly exec?: Exec | undefined;
  /** The environment plugins inherit; default `process.env` at the time of each call. */
  readonly env?: Environment | undefined;
  /** Where plugin stderr (on success) and default warnings go; default `process.stderr`. */
  readonly stderr?: StderrSink | undefined;
  /** Called with problems that do not fail an operation (an unreadable cache on DEL). */
  readonly onWarning?: ((message: string) => void) | undefined;
  /** Milliseconds between SIGTERM and SIGKILL when an operation is aborted (default 5000). */
  readonly killGracePeriodMs?: number | undefined;
  /**
   * For lists that carry `cniVersions`, ask the plugins for VERSION and run at the highest
   * version they all support (default true). False picks from the config alone, as upstream.
   * The answers are kept per plugin file (see the class comment), so steady state runs no
   * VERSION.
   */
  readonly negotiateWithPlugins?: boolean | undefined;
}

const encoder = new TextEncoder();

/**
 * The runtime side of CNI: upstream's `CNIConfig`, with the same operations under their
 * camelCase names. Every operation is async and takes an optional AbortSignal.
 *
 * Hold one for the life of the runtime: it keeps each plugin file's VERSION answer (for
 * negotiation, validation and `getVersionInfo`), keyed by the path the plugin was found
 * at and checked against the file's identity (one stat, through `Exec.fileIdentity`)
 * before every use, so a new binary installed there is asked again on the next operation.
 * A failed VERSION is never kept.
 *
 * ```ts
 * const cni = new CniConfig({ path: ['/opt/cni/bin'] });
 * const list = await loadNetworkConf('/etc/cni/net.d', 'podman');
 * const result = await cni.addNetworkList(list, { containerId, netns, ifName: 'eth0' });
 * ```
 */
export class CniConfig {
  /** The plugin directories. */
  readonly path: readonly string[];
  /** The result cache directory. */
  readonly cacheDir: string;
  readonly #ctx: OperationContext;
  readonly #negotiate: boolean;

  constructor(options: CniConfigOptions) {
    this.path = [...options.path];
    this.cacheDir = options.cacheDir || DEFAULT_CACHE_DIR;
    this.#negotiate = options.negotiateWithPlugins ?? true;
    const sink = (): StderrSink => options.stderr ?? process.stderr;
    this.#ctx = {
      path: this.path,
      exec:
        options.exec ??
        new DefaultExec({ stderr: options.stderr, killGracePeriodMs: options.killGracePeriodMs }),
      cache: new ResultCache(this.cacheDir),
      versions: new VersionCache(),
      env: options.env,
      warn:
        options.onWarning ??
        ((message) => sink().write(encoder.encode(`libcni: warning: ${message}\n`))),
    };
  }

  /**
   * The list as it will run: for a list with `cniVersions`, its version negotiated with
   * the plugins' VERSION answers (see `negotiateWithPlugins`); any other list unchanged.
   */
  negotiatedList(list: NetworkConfigList, options?: OperationOptions): Promise<NetworkConfigList> {
    return this.#settle(list, options);
  }

  #settle(list: NetworkConfigList, options?: OperationOptions): Promise<NetworkConfigList> {
    if (!this.#negotiate) return Promise.resolve(list);
    return negotiateWithPlugins(this.#ctx, list, options);
  }

  /** ADD of a list; resolves to the last plugin's result (not converted). */
  async addNetworkList(
    list: NetworkConfigList,
    runtime: RuntimeConf,
    options?: OperationOptions,
  ): Promise<Result> {
    return addNetworkList(this.#ctx, await this.#settle(list, options), runtime, options);
  }

  /** CHECK of a list; see {@link CheckNotSupportedError} for lists below 0.4.0. */
  async checkNetworkList(
    list: NetworkConfigList,
    runtime: RuntimeConf,
    options?: OperationOptions,
  ): Promise<void> {
    return checkNetworkList(this.#ctx, await this.#settle(list, options), runtime, options);
  }

  /** DEL of a list, in reverse plugin order. */
  async delNetworkList(
    list: NetworkConfigList,
    runtime: RuntimeConf,
    options?: OperationOptions,
  ): Promise<void> {
    return delNetworkList(this.#ctx, await this.#settle(list, options), runtime, options);
  }

  /** GC of a list: stale cached attachments deleted, then GC sent to every plugin (1.1.0). */
  async gcNetworkList(
    list: NetworkConfigList,
    args?: GcArgs,
    options?: OperationOptions,
  ): Promise<void> {
    return gcNetworkList(this.#ctx, await this.#settle(list, options), args, options);
  }

  /** STATUS of a list (1.1.0); throws the first plugin's failure with its code (50/51). */
  async getStatusNetworkList(list: NetworkConfigList, options?: OperationOptions): Promise<void> {
    return getStatusNetworkList(this.#ctx, await this.#settle(list, options), options);
  }

  /** Checks plugins exist and support the list's version; resolves to the enabled capabilities. */
  async validateNetworkList(
    list: NetworkConfigList,
    options?: OperationOptions,
  ): Promise<string[]> {
    return validateNetworkList(this.#ctx, await this.#settle(list, options), options);
  }

  /** ADD of a single-plugin config. */
  addNetwork(
    conf: PluginConfig,
    runtime: RuntimeConf,
    options?: OperationOptions,
  ): Promise<Result> {
    return addNetwork(this.#ctx, conf, runtime, options);
  }

  /** CHECK of a single-plugin config. */
  checkNetwork(
    conf: PluginConfig,
    runtime: RuntimeConf,
    options?: OperationOptions,
  ): Promise<void> {
    return checkNetwork(this.#ctx, conf, runtime, options);
  }

  /** DEL of a single-plugin config. */
  delNetwork(conf: PluginConfig, runtime: RuntimeConf, options?: OperationOptions): Promise<void> {
    return delNetwork(this.#ctx, conf, runtime, options);
  }

  /** Validation of a single-plugin config. */
  validateNetwork(conf: PluginConfig, options?: OperationOptions): Promise<string[]> {
    return validateNetwork(this.#ctx, conf, options);
  }

  /**
   * The spec versions a plugin supports (its VERSION answer, with the legacy rules); the
   * answer kept for the plugin's file while that file is unchanged.
   */
  getVersionInfo(pluginType: string, options?: OperationOptions): Promise<VersionInfo> {
    return pluginVersionInfo(this.#ctx, pluginType, options ?? {});
  }

  /** The cached result of a list's attachment, converted to the list's version. */
  getNetworkListCachedResult(
    list: NetworkConfigList,
    runtime: RuntimeConf,
  ): Promise<Result | undefined> {
    return this.#ctx.cache.readResult(list.name, list.cniVersion, runtime);
  }

  /** The cached config and runtime parameters of a list's attachment. */
  getNetworkListCachedConfig(
    list: NetworkConfigList,
    runtime: RuntimeConf,
  ): Promise<CachedConfig | undefined> {
    return this.#ctx.cache.readConfig(list.name, runtime);
  }

  /** The cached result of a single config's attachment, converted to its version. */
  getNetworkCachedResult(conf: PluginConfig, runtime: RuntimeConf): Promise<Result | undefined> {
    return this.#ctx.cache.readResult(
      conf.network.name ?? '',
      conf.network.cniVersion ?? '',
      runtime,
    );
  }

  /** The cached config and runtime parameters of a single config's attachment. */
  getNetworkCachedConfig(
    conf: PluginConfig,
    runtime: RuntimeConf,
  ): Promise<CachedConfig | undefined> {
    return this.#ctx.cache.readConfig(conf.network.name ?? '', runtime);
  }

  /** The attachments in the cache, all or one container's, sorted by cache file name. */
  getCachedAttachments(containerId?: string): Promise<NetworkAttachment[]> {
    return this.#ctx.cache.listAttachments(containerId);
  }
}
