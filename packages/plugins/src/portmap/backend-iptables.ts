import {
  checkPortMapIptables,
  setupPortMapIptables,
  teardownPortMapIptables,
} from '@cni-ts/plugin-kit';

// The iptables backend's part of backend.ts, loaded only when it is the backend.

export { checkPortMapIptables, setupPortMapIptables, teardownPortMapIptables };
