import { mapItems, type PluginContext } from '@cni-ts/plugin-kit';
import { CniError, CniErrorCode } from '@cni-ts/spec-types';
import { checkAllowlist, readAllowlist } from './allowlist.ts';
import { DEFAULT_DATA_DIR, type TuningCniArg, type TuningConfig } from './config.ts';
import { checkDuplicateSysctlKeys } from './duplicate-sysctl-keys.ts';
import { parseMac } from './mac.ts';
import { sysctlFile } from './sysctl-key.ts';

/** One `sysctl` entry: the key as written, the file it names and the value. */
export interface SysctlSetting {
  readonly key: string;
  readonly file: string;
  readonly value: string;
}

/** The `mac` setting: the text as given (the result reports it so) and its normal form. */
export interface MacSetting {
  readonly text: string;
  readonly address: string;
}

/** What tuning does to the interface, every source merged and checked. */
export interface TuningSettings {
  readonly dataDir: string;
  readonly sysctls: readonly SysctlSetting[];
  readonly mac?: MacSetting;
  /** Only `true` acts (promiscuous mode on); false is "leave it". */
  readonly promisc: boolean;
  /** 0 is "leave it", as upstream reads it. */
  readonly mtu: number;
  readonly allmulti?: boolean;
  readonly txQLen?: number;
}

type TuningContext = Pick<
  PluginContext<TuningConfig, TuningCniArg>,
  'config' | 'cniArgs' | 'ifName'
>;

/**
 * The MAC to set, by upstream's precedence: the config's `mac`, then CNI_ARGS `MAC`, then
 * the `mac` capability (runtimeConfig), then `args.cni.mac`; "" is unset.
 */
function macText(ctx: TuningContext): string {
  const { config } = ctx;
  let mac = config.mac ?? '';
  const fromEnv = ctx.cniArgs.MAC ?? '';
  if (fromEnv !== '') mac = fromEnv;
  const fromRuntime = config.runtimeConfig?.mac ?? '';
  if (fromRuntime !== '') mac = fromRuntime;
  const fromArgs = config.args?.cni?.mac;
  if (fromArgs !== undefined) mac = fromArgs;
  return mac;
}

function macSetting(text: string): MacSetting | undefined {
  if (text === '') return undefined;
  const address = parseMac(text);
  if (address === undefined) {
    throw new CniError(
      CniErrorCode.Internal,
      `invalid args ${text} for MAC addr: address ${text}: invalid MAC address`,
    );
  }
  return { text, address };
}

/** The config's `sysctl` with `args.cni.sysctl` over it, each key resolved and checked. */
function sysctlSettings(ctx: TuningContext): SysctlSetting[] {
  const merged = { ...(ctx.config.sysctl ?? {}), ...(ctx.config.args?.cni?.sysctl ?? {}) };
  const keys = Object.keys(merged);
  checkAllowlist(keys, readAllowlist());
  return mapItems(Object.entries(merged), ([key, value]) => ({
    key,
    file: sysctlFile(key, ctx.ifName),
    value,
  }));
}

/**
 * The settings of an ADD or CHECK: the config's keys with `args.cni.*`, CNI_ARGS `MAC` and
 * the `mac` capability over them as upstream orders them, every input checked before
 * anything is touched: duplicated or disallowed sysctl keys, keys outside /proc/sys/net,
 * an unparsable MAC (code 999, upstream's messages).
 */
export function tuningSettings(ctx: TuningContext, stdin: Uint8Array): TuningSettings {
  checkDuplicateSysctlKeys(new TextDecoder().decode(stdin));
  const { config } = ctx;
  const overrides = config.args?.cni;
  const mac = macSetting(macText(ctx));
  const allmulti = overrides?.allmulti ?? config.allmulti;
  const txQLen = overrides?.txQLen ?? config.txQLen;
  return {
    dataDir: dataDirOf(config),
    sysctls: sysctlSettings(ctx),
    ...(mac === undefined ? {} : { mac }),
    promisc: overrides?.promisc ?? config.promisc ?? false,
    mtu: overrides?.mtu ?? config.mtu ?? 0,
    ...(allmulti === undefined ? {} : { allmulti }),
    ...(txQLen === undefined ? {} : { txQLen }),
  };
}

/** The directory of the saved link attributes: `dataDir`, or /run/cni/tuning. */
export function dataDirOf(config: TuningConfig): string {
  const dir = config.dataDir ?? '';
  return dir === '' ? DEFAULT_DATA_DIR : dir;
}

/** True when ADD changes a link attribute, so the originals are saved first. */
export function changesLink(settings: TuningSettings): boolean {
  return (
    settings.mac !== undefined ||
    settings.mtu !== 0 ||
    settings.promisc ||
    settings.allmulti !== undefined ||
    settings.txQLen !== undefined
  );
}
