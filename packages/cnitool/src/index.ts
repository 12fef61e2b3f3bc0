// @cni-ts/cnitool: run CNI network configurations by hand, as upstream's cnitool does
// (add, check, del, gc, status), plus run, ls and validate. The CLI is built with citty
// over @cni-ts/libcni; the helpers below are what a runtime author may reuse.

// Runtime helpers
export { type CapabilityArgs, parseCapabilityArgs } from './cap-args.ts';
// The CLI
export { runCli } from './cli.ts';
export { parseToolCniArgs } from './cni-args.ts';
export { cniConfigFor } from './cni-config.ts';
export { addCommand } from './commands/add.ts';
export { checkCommand } from './commands/check.ts';
export { delCommand } from './commands/del.ts';
export { gcCommand } from './commands/gc.ts';
export {
  type AttachmentListing,
  formatListing,
  type Listing,
  lsCommand,
  type NetworkListing,
} from './commands/ls.ts';
export { runInNetnsCommand } from './commands/run.ts';
export { statusCommand } from './commands/status.ts';
export { formatValidation, validateCommand } from './commands/validate.ts';
export { CONTAINER_ID_PREFIX, containerIdForNetns } from './container-id.ts';
export { errorJson } from './error-json.ts';
export { type CliIo, isCliIo, processIo, type ToolEnv } from './io.ts';
export {
  isSubCommandName,
  mainCommand,
  type SubCommandName,
  subCommands,
} from './main-command.ts';
export {
  defaultNetwork,
  listNetworks,
  loadDefaultNetwork,
  type NetworkEntry,
} from './networks/list-networks.ts';
export { CONFIG_EXTENSIONS, loadNetworkFile } from './networks/load-network-file.ts';
export {
  type PluginReport,
  type ValidationReport,
  validateNetworkPlugins,
  validationError,
} from './networks/validate-network.ts';
export {
  EXIT_CANNOT_RUN,
  RUN_NETNS_PREFIX,
  type RunInNetworksOptions,
  runInNetworks,
} from './run/run-in-networks.ts';
export {
  DEFAULT_IFNAME,
  DEFAULT_NETCONFPATH,
  type RuntimeArgs,
  readRuntimeArgs,
  readSettings,
  resolveIfName,
  runtimeFor,
  type ToolSettings,
} from './settings.ts';
export { isUsageError, UsageError } from './usage-error.ts';
export { CNITOOL_VERSION } from './version.ts';
