// The masquerade functions of bridge and ptp in a module of their own: a plugin imports it
// dynamically (masquerade-loader.ts) only when `ipMasq` is set, so that without it no
// masquerade, iptables or nf_tables code is evaluated (issue 22).
export {
  selectIpMasqBackendAsync,
  startIpMasqSetup,
  startIpMasqTeardown,
  teardownIpMasq,
} from '@cni-ts/plugin-kit';
