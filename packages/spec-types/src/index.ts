// @cni-ts/spec-types: the CNI spec (0.1.0 to 1.1.0) as typed, validated data.
// No I/O and no runtime-specific APIs: runs under Bun and Node alike.

// CNI_ARGS
export {
  type CniArgs,
  formatCniArgs,
  type ParseCniArgsOptions,
  parseArgsBool,
  parseCniArgs,
} from './args/cni-args.ts';
export {
  CniError,
  type CniErrorJson,
  type CniErrorOptions,
  isCniError,
} from './errors/cni-error.ts';
// Errors
export { CniErrorCode, type CniErrorCodeValue } from './errors/codes.ts';
export { CniErrorJsonSchema } from './errors/error-schema.ts';
export { stringifyError } from './errors/stringify-error.ts';
// IP text (Go's net rules)
export {
  type Cidr,
  canonicalCidr,
  canonicalIp,
  formatCidr,
  formatIp,
  type IpFamily,
  ipFamily,
  isIpv4Like,
  parseCidr,
  parseIp,
} from './ip/ip.ts';
// JSON with Go's rules
export { decodeJson, isJsonDecodeError, JsonDecodeError } from './json/decode-json.ts';
export { encodeJson } from './json/encode-json.ts';
export { goField } from './json/go-field.ts';
export { goQuote, goStringList } from './json/go-quote.ts';
// Network configuration
export { type Args, ArgsSchema, LabelSchema } from './netconf/args.ts';
export { type Dns, DnsSchema } from './netconf/dns.ts';
export {
  type GcAttachment,
  GcAttachmentSchema,
  type GcKeys,
  LEGACY_ATTACHMENTS_KEY,
  VALID_ATTACHMENTS_KEY,
  validAttachments,
} from './netconf/gc.ts';
export {
  type Ipam,
  IpamSchema,
  type Range,
  RangeSchema,
  type RangeSet,
  RangeSetSchema,
} from './netconf/ipam.ts';
export {
  isValidNetworkName,
  MAX_INTERFACE_NAME_BYTES,
  NAME_PATTERN,
  validateContainerId,
  validateInterfaceName,
  validateNetworkName,
} from './netconf/names.ts';
export {
  type NetConf,
  NetConfEntries,
  NetConfSchema,
  NetworkNameSchema,
  type PluginConf,
  PluginConfSchema,
  PluginTypeSchema,
} from './netconf/netconf.ts';
export {
  type NetConfList,
  NetConfListEntries,
  NetConfListSchema,
  VersionStringSchema,
} from './netconf/netconf-list.ts';
export {
  decodeInput,
  type JsonInput,
  type ParseNetConfListOptions,
  parseNetConf,
  parseNetConfList,
  validate,
} from './netconf/parse.ts';
export { type Route, RouteSchema } from './netconf/route.ts';
export {
  type Bandwidth,
  BandwidthSchema,
  type PortMapping,
  PortMappingSchema,
  type RuntimeConfig,
  RuntimeConfigSchema,
  type RuntimeDns,
  RuntimeDnsSchema,
  WELL_KNOWN_CAPABILITIES,
} from './netconf/runtime-config.ts';
export { pathBasename, pathDirname, pathJoin, pathNormalize } from './path/posix-path.ts';
// Protocol
export {
  CNI_COMMANDS,
  CNI_ENV,
  type CniCommand,
  type CniEnvName,
  isCniCommand,
} from './protocol/commands.ts';
// Results
export { convertResult } from './result/convert-result.ts';
export { parseResult } from './result/parse-result.ts';
export {
  Interface040Schema,
  Interface100Schema,
  IpConfig020Schema,
  IpConfig040Schema,
  IpConfig100Schema,
  Result020Schema,
  Result040Schema,
  Result100Schema,
  result020Schema,
  result040Schema,
  result100Schema,
  resultFamilySchema,
} from './result/schemas.ts';
export {
  resultToJson,
  type StringifyResultOptions,
  stringifyResult,
} from './result/stringify-result.ts';
export {
  type Interface040,
  type Interface100,
  type IpConfig020,
  type IpConfig040,
  type IpConfig100,
  isResult020,
  isResult040,
  isResult100,
  RESULT_FAMILIES,
  type Result,
  type Result020,
  type Result040,
  type Result100,
  type ResultFamily,
  resultFamily,
  type Version020,
  type Version040,
  type Version100,
} from './result/types.ts';
// Primitive schemas for plugins' own config schemas
export {
  CidrSchema,
  FlexibleBoolSchema,
  IntSchema,
  IpOrCidrSchema,
  IpSchema,
  UintSchema,
} from './schema/primitives.ts';
export { stringifyVersionInfo } from './version/stringify-version-info.ts';
// Versions
export {
  compareVersions,
  type NegotiateOptions,
  negotiateVersion,
  type ParsedVersion,
  parseVersion,
  versionAtLeast,
} from './version/version.ts';
export {
  LEGACY_VERSION_INFO,
  parseVersionInfo,
  type VersionInfo,
  VersionInfoSchema,
} from './version/version-info.ts';
export {
  CURRENT_VERSION,
  isSupportedVersion,
  type SpecVersion,
  SUPPORTED_VERSIONS,
  versionsStartingFrom,
} from './version/versions.ts';
