// @cni-ts/plugin-kit/testing: fakes and fixtures for plugin and kit tests.

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
export { canUseNetns, createTestNetns, netnsSkipReason, type TestNetns } from './test-netns.ts';
