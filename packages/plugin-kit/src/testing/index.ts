// @cni-ts/plugin-kit/testing: fakes and fixtures for plugin and kit tests.

// An in-memory nf_tables kernel behind a real NftSocket
export {
  createFakeNftKernel,
  type FakeNftKernel,
  type FakeNftKernelOptions,
} from './fake-nftables.ts';
// A netlink transport that replays scripted kernel replies
export {
  ack,
  createFakeTransport,
  type DoneOptions,
  done,
  dumpInterrupted,
  type ErrorReplyOptions,
  errorReply,
  FAKE_PORT_ID,
  type FakeDatagram,
  type FakeHandler,
  type FakeMessage,
  type FakeTransport,
  type FakeTransportOptions,
  type MultipartOptions,
  multipart,
} from './fake-transport.ts';
// Plugin handler contexts, built by hand
export { type ContextOptions, contextFor, gcContextFor } from './plugin-context.ts';
// Throwaway network namespaces for root-only tests
export {
  type PrivateFirewalld,
  privateFirewalldSkipReason,
  startPrivateFirewalld,
} from './private-firewalld.ts';
// Commands run by tests, with failures that say what happened
export {
  CommandFailedError,
  type CommandOptions,
  type CommandOutput,
  isCommandFailed,
  runCommand,
} from './run-command.ts';
export { canUseNetns, createTestNetns, netnsSkipReason, type TestNetns } from './test-netns.ts';
// The error a function throws
export { thrown } from './thrown.ts';
// Time limits of slow test files (Bun's own default is 5 s per test and per hook)
export { TIME_LIMITS, type TimeLimitKind, useTimeLimit } from './time-limits.ts';
