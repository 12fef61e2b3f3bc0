// @cni-ts/plugin-kit: write CNI plugins in TypeScript on Bun. The skeleton, libc over
// bun:ffi, network namespaces, a complete rtnetlink stack, and the helpers the plugins
// share. Nothing runs at import: libc is opened on first use.

// CHECK validators
export {
  type CheckChildLinkOptions,
  checkChildLink,
  expectLinkMode,
} from './check/check-child-link.ts';
export {
  assertResultMac,
  type ContainerLinkExpectation,
  checkContainerLink,
  findContainerLink,
} from './check/check-container-link.ts';
export { CheckError, type CheckErrorReason, isCheckError } from './check/check-error.ts';
export { validateExpectedInterfaceIps } from './check/validate-expected-interface-ips.ts';
export { validateExpectedRoute } from './check/validate-expected-route.ts';
// ── Cold-start helpers ─────────────────────────────────────────────────────────────
export { mapItems } from './cold/map-items.ts';
export { uniqueItems } from './cold/unique-items.ts';
// ── Errors ──────────────────────────────────────────────────────────────────────────
export { isKitError, type KitError } from './errors/kit-error.ts';
export {
  errnoCodeOf,
  errnoOf,
  isBusy,
  isExists,
  isNotFound,
  isNotSupported,
  isPermissionDenied,
  isTryAgain,
} from './errors/predicates.ts';
export {
  selectIpMasqBackend,
  supportsIptables,
  supportsNftables,
} from './firewall/backend-select.ts';
export {
  type CniFirewallTarget,
  checkCniFirewallIptables,
  hostCidrsByFamily,
  setupCniFirewallIptables,
  teardownCniFirewallIptables,
} from './firewall/cni-firewall-iptables.ts';
export type { CommandRunner, FirewallExecOptions } from './firewall/command-runner.ts';
export {
  FirewallError,
  isFirewallError,
  isFirewallExists,
  isFirewallNotFound,
  isFirewallToolMissing,
} from './firewall/firewall-error.ts';
export { busMayBeReachable } from './firewall/firewalld/bus-socket.ts';
export { systemBusAddress } from './firewall/firewalld/dbus-call.ts';
export { DbusError, isDbusError } from './firewall/firewalld/dbus-error.ts';
export {
  addFirewalldSource,
  FIREWALLD,
  firewalldRunning,
  queryFirewalldSource,
  removeFirewalldSource,
} from './firewall/firewalld/firewalld.ts';
// ── Masquerade and firewall names ───────────────────────────────────────────────────
export { checkIpMasq, gcIpMasq, setupIpMasq, teardownIpMasq } from './firewall/ipmasq.ts';
export {
  IpMasqCheckError,
  isIpMasqCheckError,
  isUnknownIpMasqBackendError,
  UnknownIpMasqBackendError,
} from './firewall/ipmasq-errors.ts';
export {
  selectIpMasqBackendAsync,
  startIpMasqSetup,
  startIpMasqTeardown,
} from './firewall/ipmasq-start.ts';
export {
  IP_MASQ_BACKENDS,
  type IpMasqAttachment,
  type IpMasqBackend,
  type IpMasqGcOptions,
  type IpMasqSetupOptions,
  type IpMasqTeardownOptions,
  isIpMasqBackend,
} from './firewall/ipmasq-types.ts';
export {
  iptablesChainsAbsent,
  isIptablesNft,
  isIptablesNftPath,
} from './firewall/iptables/chain-probe.ts';
export {
  CNI_FORWARD_CHAIN,
  DEFAULT_ADMIN_CHAIN,
  ISOLATION_STAGE_1,
  ISOLATION_STAGE_2,
  type IsolatingPolicy,
} from './firewall/iptables/cni-firewall-rules.ts';
export {
  FilterPrefetch,
  isFilterPrefetch,
  prefetchFilterListings,
} from './firewall/iptables/filter-prefetch.ts';
export {
  checkCniFirewallNftables,
  gcCniFirewallNftables,
  type NftFirewallAttachment,
  type NftFirewallTarget,
  setupCniFirewallNftables,
  teardownCniFirewallNftables,
} from './firewall/nftables/cni-firewall-nftables.ts';
export { NFT_FIREWALL } from './firewall/nftables/firewall-objects.ts';
export { nftConditionExprs } from './firewall/portmap/nft-conditions.ts';
export {
  isNftConditionError,
  type NftCondition,
  NftConditionError,
  parseNftConditions,
} from './firewall/portmap/nft-conditions-parse.ts';
export {
  defaultPortMapBackend,
  type PortMapBackend,
} from './firewall/portmap/portmap-backend.ts';
export { flushPortMapConntrack } from './firewall/portmap/portmap-conntrack.ts';
export {
  checkPortMapIptables,
  gcPortMapIptables,
  setupPortMapIptables,
  teardownPortMapIptables,
} from './firewall/portmap/portmap-iptables.ts';
export {
  dnatChainName,
  dnatComment,
  HOSTPORT_DNAT,
  HOSTPORT_MASQ,
  HOSTPORT_SETMARK,
} from './firewall/portmap/portmap-iptables-rules.ts';
export {
  checkPortMapNftables,
  gcPortMapNftables,
  setupPortMapNftables,
  teardownPortMapNftables,
} from './firewall/portmap/portmap-nftables.ts';
export { NFT_PORTMAP } from './firewall/portmap/portmap-nftables-objects.ts';
export type {
  PortMapAttachment,
  PortMapEntry,
  PortMapProtocol,
  PortMapTarget,
} from './firewall/portmap/portmap-types.ts';
export { formatChainName, formatChainNameWithPrefix } from './hash/chain-name.ts';
export { formatComment, parseComment } from './hash/comment.ts';
export { formatHashWithPrefix, sha512Hex } from './hash/format-hash.ts';
export { goErrorText } from './ip/_go-format.ts';
export { enableAddressChangeNotify } from './ip/address-change-notify.ts';
// ── Address announcements ───────────────────────────────────────────────────────────
export {
  type AnnounceTarget,
  announceAddresses,
  sendGratuitousArp,
  sendUnsolicitedNa,
} from './ip/announce.ts';
export { type ChildLinkSockets, openChildLinkSockets } from './ip/child-link-sockets.ts';
export {
  type ConfigureInterfaceOptions,
  configureInterface,
  DAD_SETTLE_TIMEOUT_MS,
} from './ip/configure-interface.ts';
export {
  type ContainerLinkSpec,
  type CreateContainerLinkOptions,
  createContainerLink,
} from './ip/create-container-link.ts';
export {
  type CreateVethPairOptions,
  createVethPair,
  randomVethName,
  VETH_NAME_ATTEMPTS,
  type VethPair,
} from './ip/create-veth-pair.ts';
export { defaultRouteLink } from './ip/default-route-link.ts';
export {
  type DeleteLinkOptions,
  deleteLinkCollectingAddresses,
} from './ip/delete-link-collecting-addresses.ts';
export { type EnsureAddressOptions, ensureAddress } from './ip/ensure-address.ts';
// ── High-level helpers the plugins share ───────────────────────────────────────────
export { type EnsureBridgeOptions, ensureBridge } from './ip/ensure-bridge.ts';
export { findMasterLink } from './ip/find-master-link.ts';
export { isGlobalUnicast } from './ip/global-unicast.ts';
export {
  addLinkPlugin,
  type ContainerPlace,
  type LinkAddresses,
  type LinkPluginAddContext,
  type LinkPluginAddOptions,
  optionalIpam,
} from './ip/link-plugin-add.ts';
export { isNetSetupError, NetSetupError, type NetSetupErrorReason } from './ip/net-setup-error.ts';
export { parseGoMac } from './ip/parse-go-mac.ts';
export {
  type FamilyGateways,
  groupRoutes,
  type RouteGroup,
  routeSpecForGroup,
} from './ip/route-groups.ts';
export { type SettleAddressesOptions, settleAddresses } from './ip/settle-addresses.ts';
export { getVethPeerInHost, type VethPeerPair } from './ip/veth-peer.ts';
export {
  OPER_UP_DELAYS_MS,
  type WaitForOperUpOptions,
  waitForOperUp,
} from './ip/wait-for-oper-up.ts';
export {
  InProcessExec,
  type InProcessExecOptions,
  type InProcessPlugin,
  isSameFile,
  type PluginResolver,
} from './ipam/in-process-exec.ts';
// IPAM delegation (spawned, or in-process when the IPAM plugin is this same executable)
export {
  type IpamContext,
  type IpamOptions,
  ipamAdd,
  ipamCheck,
  ipamDel,
  ipamGc,
  ipamStatus,
} from './ipam/ipam.ts';
export { type FileLock, type FileLockOptions, lockFile, tryLockFile } from './lock/file-lock.ts';
export { isLockBusyError, LockBusyError } from './lock/lock-busy-error.ts';
export {
  concatBytes,
  decodeAttributes,
  nla,
  type RawAttribute,
  read,
} from './netlink/codec/attributes.ts';
export { AF, NETLINK, NLA_F, NLM_F, NLMSG, RTM } from './netlink/codec/constants.ts';
export { DecodeError, isDecodeError } from './netlink/codec/decode-error.ts';
export { decodeMessages, encodeMessage, type NetlinkMessage } from './netlink/codec/header.ts';
export type {
  ConntrackEntry,
  ConntrackTuple,
} from './netlink/conntrack/codec.ts';
export {
  deleteConntrack,
  deleteUdpConntrackByDstPort,
  listConntrack,
  openConntrackSocket,
} from './netlink/conntrack/ops.ts';
// ── Netlink: nf_tables (NETLINK_NETFILTER) ──────────────────────────────────────────
export { NftBatch, type NftBatchMessage } from './netlink/netfilter/batch.ts';
export {
  listNftChains,
  type NftChain,
  type NftChainFilter,
  type NftChainRef,
  type NftChainSpec,
  type NftHook,
} from './netlink/netfilter/chain.ts';
export {
  NF_INET,
  NF_VERDICT,
  NFPROTO,
  NFT_DATA_VERDICT,
  NFT_MSG,
  NFT_REG,
  NFT_SET,
  NFT_SET_ELEM,
} from './netlink/netfilter/constants.ts';
export { NF_CT_STATE, NFT_CT } from './netlink/netfilter/expr/ct.ts';
export type { NftData, NftVerdict } from './netlink/netfilter/expr/data.ts';
export { NFT_LOOKUP_F_INV } from './netlink/netfilter/expr/lookup.ts';
export { NF_NAT_RANGE } from './netlink/netfilter/expr/masq.ts';
export { NFT_META } from './netlink/netfilter/expr/meta.ts';
export { NFT_PAYLOAD_BASE } from './netlink/netfilter/expr/payload.ts';
export type {
  BitwiseExpr,
  CmpExpr,
  CounterExpr,
  CtExpr,
  ImmediateExpr,
  LookupExpr,
  MasqExpr,
  MetaExpr,
  NatExpr,
  NftCmpOp,
  NftExpr,
  PayloadExpr,
  RawExpr,
  RedirExpr,
} from './netlink/netfilter/expr/types.ts';
export type { NftFamily } from './netlink/netfilter/family.ts';
export {
  NFT_GENERATION_ATTEMPTS,
  retryOnNewGeneration,
} from './netlink/netfilter/generation.ts';
export {
  etherSaddrIs,
  type IpMatch,
  ifnameIs,
  ipMatch,
  masquerade,
  nfprotoIs,
  verdict,
} from './netlink/netfilter/match.ts';
export {
  inSet,
  ipLoad,
  l4PortLoad,
  type NftSetTarget,
  verdictMap,
} from './netlink/netfilter/match-set.ts';
export {
  isNftError,
  isNftGenerationChanged,
  NftError,
} from './netlink/netfilter/nft-error.ts';
export {
  type NftCommitOptions,
  NftSocket,
  type NftSocketOptions,
  openNftSocket,
} from './netlink/netfilter/nft-socket.ts';
export {
  type ReleasableSocket,
  releaseNftSocket,
} from './netlink/netfilter/release-nft-socket.ts';
export {
  listNftRules,
  type NftRule,
  type NftRuleFilter,
  type NftRuleRef,
  type NftRuleSpec,
} from './netlink/netfilter/rule.ts';
export {
  getNftSet,
  listNftSets,
  type NftSet,
  type NftSetFilter,
  type NftSetRef,
  type NftSetSpec,
} from './netlink/netfilter/set.ts';
export {
  NFT_DATATYPES,
  type NftMapDatatype,
  type NftSetDatatype,
} from './netlink/netfilter/set-datatype.ts';
export {
  listNftSetElems,
  type NftSetElem,
  type NftSetElemsSpec,
} from './netlink/netfilter/set-elem.ts';
export { ipKey, portKey, prefixIntervals } from './netlink/netfilter/set-key.ts';
export {
  getNftTable,
  listNftTables,
  type NftTable,
  type NftTableRef,
  type NftTableSpec,
} from './netlink/netfilter/table.ts';
export type { InetFamily } from './netlink/route/_ip.ts';
export { IFA, IFA_F } from './netlink/route/address/constants.ts';
// ── Netlink: addresses, routes, rules, neighbours ───────────────────────────────────
export {
  addAddress,
  deleteAddress,
  listAddresses,
  replaceAddress,
} from './netlink/route/address/ops.ts';
export type { Address, AddressFilter, AddressSpec } from './netlink/route/address/types.ts';
// ── Netlink: bridge port VLANs ──────────────────────────────────────────────────────
export {
  BRIDGE_FLAGS,
  BRIDGE_VLAN_INFO,
  IFLA_BRIDGE,
} from './netlink/route/bridge-vlan/constants.ts';
export { decodeBridgeVlans } from './netlink/route/bridge-vlan/decode.ts';
export {
  addBridgeVlan,
  deleteBridgeVlan,
  listBridgeVlans,
  setBridgePortVlans,
} from './netlink/route/bridge-vlan/ops.ts';
export {
  addBridgeVlanRequest,
  deleteBridgeVlanRequest,
  dumpBridgeVlansRequest,
} from './netlink/route/bridge-vlan/requests.ts';
export type { BridgeVlan } from './netlink/route/bridge-vlan/types.ts';
export {
  getBridgePort,
  listBridgePorts,
  setBridgePort,
} from './netlink/route/link/bridge-port-ops.ts';
export {
  ARPHRD,
  IF_OPER,
  IFF,
  IFLA,
  IFLA_BR,
  IFLA_BRPORT,
  IFLA_INFO,
  IFLA_IPVLAN,
  IFLA_MACVLAN,
  IFLA_VLAN,
  IFLA_VRF,
  IFLA_VXLAN,
  IPVLAN_MODE,
  MACVLAN_MODE,
} from './netlink/route/link/constants.ts';
export { deleteLinkIfPresent } from './netlink/route/link/delete-link-if-present.ts';
export type { BridgeInfo, BridgeOptions } from './netlink/route/link/kinds/bridge.ts';
export type {
  BridgePortInfo,
  BridgePortOptions,
  BridgePortState,
} from './netlink/route/link/kinds/bridge-port.ts';
export type {
  IpvlanFlags,
  IpvlanInfo,
  IpvlanMode,
  IpvlanOptions,
} from './netlink/route/link/kinds/ipvlan.ts';
export {
  isKnownLinkKind,
  type KnownLinkKind,
  type LinkKindInfo,
  type LinkKindSpec,
  linkKinds,
} from './netlink/route/link/kinds/kind-map.ts';
export type {
  MacvlanFlags,
  MacvlanInfo,
  MacvlanMode,
  MacvlanOptions,
} from './netlink/route/link/kinds/macvlan.ts';
export type { TunInfo } from './netlink/route/link/kinds/tun.ts';
export type { VethInfo, VethOptions, VethPeer } from './netlink/route/link/kinds/veth.ts';
export type { VlanFlags, VlanInfo, VlanOptions } from './netlink/route/link/kinds/vlan.ts';
export type { VrfInfo, VrfOptions } from './netlink/route/link/kinds/vrf.ts';
export type { VxlanInfo, VxlanOptions, VxlanPortRange } from './netlink/route/link/kinds/vxlan.ts';
export { isLinkError, LinkError, type LinkErrorReason } from './netlink/route/link/link-error.ts';
// ── Netlink: links ──────────────────────────────────────────────────────────────────
export {
  addLink,
  addLinkEcho,
  deleteLink,
  getLink,
  getLinkName,
  getVethPeerIndex,
  type LinkFilter,
  listLinks,
} from './netlink/route/link/ops.ts';
export {
  moveLinkToNetns,
  setLink,
  setLinkAlias,
  setLinkAllmulti,
  setLinkDown,
  setLinkMac,
  setLinkMaster,
  setLinkMtu,
  setLinkName,
  setLinkNoMaster,
  setLinkPromisc,
  setLinkTxQueueLen,
  setLinkUp,
} from './netlink/route/link/set-ops.ts';
export type {
  Link,
  LinkBaseSpec,
  LinkChanges,
  LinkRef,
  LinkSlaveInfo,
  LinkSpec,
  LinkStats,
  OperState,
} from './netlink/route/link/types.ts';
export { NDA, NTF, NUD } from './netlink/route/neigh/constants.ts';
export {
  addNeighbour,
  deleteNeighbour,
  listNeighbours,
  replaceNeighbour,
} from './netlink/route/neigh/ops.ts';
export type { Neighbour, NeighbourFilter, NeighbourSpec } from './netlink/route/neigh/types.ts';
export { RT_SCOPE, RT_TABLE, RTA, RTN, RTNH_F, RTPROT } from './netlink/route/route/constants.ts';
export {
  addRoute,
  addRouteEcmp,
  deleteRoute,
  getRoute,
  listRoutes,
  replaceRoute,
} from './netlink/route/route/ops.ts';
export type {
  NextHop,
  NextHopSpec,
  Route,
  RouteFilter,
  RouteSpec,
} from './netlink/route/route/types.ts';
export { FR_ACT, FRA } from './netlink/route/rule/constants.ts';
export { addRule, deleteRule, listRules } from './netlink/route/rule/ops.ts';
export type { Rule, RuleFilter, RuleSpec } from './netlink/route/rule/types.ts';
export {
  BANDWIDTH_INGRESS_HANDLE,
  BANDWIDTH_PACING_EXTRA_BYTES,
  BANDWIDTH_TBF_HANDLE,
  bandwidthIngressMessage,
  bandwidthIngressTarget,
  bandwidthPacingTbfMessage,
  bandwidthRedirectFilterMessage,
  bandwidthTbfMessage,
  bandwidthTbfTarget,
} from './netlink/route/tc/bandwidth.ts';
export { formatTcHandle, parseTcHandle, tcHandle } from './netlink/route/tc/handle.ts';
// ── Netlink: traffic control ────────────────────────────────────────────────────────
export {
  addFilter,
  addQdisc,
  deleteFilter,
  deleteQdisc,
  listFilters,
  listQdiscs,
  replaceQdisc,
} from './netlink/route/tc/ops.ts';
export {
  BANDWIDTH_LATENCY_MS,
  type BandwidthTbf,
  bandwidthTbf,
} from './netlink/route/tc/tbf-math.ts';
export type {
  Filter,
  FilterQuery,
  FilterSpec,
  FilterTarget,
  MirredActionSpec,
  Qdisc,
  QdiscQuery,
  QdiscSpec,
  QdiscTarget,
  U32Filter,
} from './netlink/route/tc/types.ts';
export {
  type BorrowedRouteSocket,
  borrowRouteSocket,
} from './netlink/socket/borrow-route-socket.ts';
export {
  DumpInterruptedError,
  isDumpInterrupted,
} from './netlink/socket/dump-interrupted-error.ts';
export {
  type KernelTransportOptions,
  openKernelTransport,
} from './netlink/socket/kernel-transport.ts';
export {
  isNetlinkError,
  NetlinkError,
  type NetlinkExtack,
} from './netlink/socket/netlink-error.ts';
// ── Netlink: socket and codec ───────────────────────────────────────────────────────
export {
  DEFAULT_DUMP_ATTEMPTS,
  NetlinkSocket,
  type NetlinkSocketOptions,
} from './netlink/socket/netlink-socket.ts';
export { openRouteSocket, type RouteSocketOptions } from './netlink/socket/open-route-socket.ts';
export type { NetlinkRequest, NetlinkRequester } from './netlink/socket/requester.ts';
export type { Transport } from './netlink/socket/transport.ts';
export { createAnonymousNetns } from './netns/anonymous-netns.ts';
export {
  assertNetnsName,
  createNamedNetns,
  deleteNamedNetns,
  listNamedNetns,
  type NamedNetnsOptions,
  NETNS_RUN_DIR,
} from './netns/named-netns.ts';
// ── Network namespaces ──────────────────────────────────────────────────────────────
export {
  CURRENT_NETNS_PATH,
  currentNetns,
  type Netns,
  openNetns,
  withNetns,
  withNetnsPath,
} from './netns/netns.ts';
export { isNetnsError, NetnsError, type NetnsErrorReason } from './netns/netns-error.ts';
export { openContainerNetns } from './netns/open-container-netns.ts';
export { openNetnsIfPresent } from './netns/open-netns-if-present.ts';
export { tryOpenNetns } from './netns/try-open-netns.ts';
export type { GcContext, HandlerCommand, PluginContext, TypedCniArgs } from './skel/context.ts';
// ── Skeleton ────────────────────────────────────────────────────────────────────────
export { type DefinedHandlers, definePlugin, type Plugin } from './skel/define-plugin.ts';
export type {
  AddHandler,
  ConfigOf,
  ConfigSchema,
  GcHandler,
  HandlerName,
  InvokeInput,
  InvokeOutput,
  MaybePromise,
  PluginArgs,
  PluginDefinition,
  PluginHandlers,
  PluginOptions,
  Prefetch,
  VoidHandler,
} from './skel/definition.ts';
export { type CniEnv, type EnvRecord, readCniEnv, splitCniPath } from './skel/env.ts';
export { invokePlugin } from './skel/invoke.ts';
export {
  defineLazyPlugin,
  type LazyPlugin,
  type LazyPluginDefinition,
  type PluginBody,
} from './skel/lazy-plugin.ts';
export { createLogger, type Logger, type LogSink, silentLogger } from './skel/logger.ts';
export {
  attachmentStateFile,
  networkStateDir,
  stateEntries,
} from './state/attachment-files.ts';
export {
  type RemoveStateFileOptions,
  RUN_CNI_DIR,
  removeStateFile,
  writeStateFile,
} from './state/state-file.ts';
export { errnoDescription, errnoName, errnoNumber } from './sys/errno.ts';
export { FsError, isFsError } from './sys/fs-error.ts';
export {
  checkAccess,
  type FileStat,
  fileSystemType,
  pathExists,
  R_OK,
  realPath,
  statFile,
  statPath,
  W_OK,
  X_OK,
} from './sys/fs-stat.ts';
export {
  linkFile,
  mkdirp,
  readAll,
  readdir,
  readFileBytes,
  readTextFile,
  removeDir,
  removeFileForce,
  renameFile,
  unlinkFile,
  type WriteFileOptions,
  writeAll,
  writeFile,
} from './sys/fs-sync.ts';
export { isSyscallError, SyscallError } from './sys/syscall-error.ts';
export { ensureIpForward, ensureIpForwardFor, type IpForwardOptions } from './sysctl/ip-forward.ts';
// ── sysctl, forwarding, locks, tun/tap ──────────────────────────────────────────────
export { readSysctl, type SysctlOptions, setSysctl, writeSysctl } from './sysctl/sysctl.ts';
export { normalizeSysctlName, sysctlPath } from './sysctl/sysctl-name.ts';
export { isSysctlNameError, SysctlNameError } from './sysctl/sysctl-name-error.ts';
export {
  createTunTap,
  getTunTapInfo,
  setTunTapPersist,
  type TunTap,
  type TunTapMode,
  type TunTapOptions,
} from './tuntap/tuntap.ts';
// Undo for failed ADDs
export { type UndoFailure, UndoStack, type UndoStep, withUndo } from './undo/undo-stack.ts';
