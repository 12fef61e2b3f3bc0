import {
  checkPortMapNftables,
  setupPortMapNftables,
  teardownPortMapNftables,
} from '@cni-ts/plugin-kit';

// The nftables backend's part of backend.ts, loaded only when it is the backend.

export { checkPortMapNftables, setupPortMapNftables, teardownPortMapNftables };
