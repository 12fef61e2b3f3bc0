import {
  checkCniFirewallNftables,
  gcCniFirewallNftables,
  setupCniFirewallNftables,
  teardownCniFirewallNftables,
} from '@cni-ts/plugin-kit';

// The nftables backend's part of backend.ts, loaded only when it is the backend: the same
// semantics as iptables in a table of its own, rules owned through their comment.

export {
  checkCniFirewallNftables,
  gcCniFirewallNftables,
  setupCniFirewallNftables,
  teardownCniFirewallNftables,
};
