import {
  checkCniFirewallIptables,
  setupCniFirewallIptables,
  teardownCniFirewallIptables,
} from '@cni-ts/plugin-kit';

// The iptables backend's part of backend.ts, loaded only when iptables rules are made or
// removed: upstream's rules in the filter table.

export { checkCniFirewallIptables, setupCniFirewallIptables, teardownCniFirewallIptables };
