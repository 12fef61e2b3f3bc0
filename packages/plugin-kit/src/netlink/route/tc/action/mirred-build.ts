import { TC_ACT, TCA_EGRESS_REDIR, TCA_INGRESS_REDIR } from '../constants.ts';
import type { MirredActionSpec } from '../types.ts';
import type { ActionAttribute } from './list.ts';

/**
 * The action tc sends for `action mirred (egress|ingress) (redirect|mirror) dev X [verdict]`
 * (iproute2 tc/m_mirred.c): TCA_ACT_KIND "mirred", then TCA_ACT_OPTIONS (NLA_F_NESTED)
 * holding TCA_MIRRED_PARMS. The verdict defaults to TC_ACT_STOLEN for a redirect and
 * TC_ACT_PIPE for a mirror, as in tc.
 */
export function mirredActionLikeTc(spec: MirredActionSpec): ActionAttribute[] {
  const redirect = spec.eaction === TCA_EGRESS_REDIR || spec.eaction === TCA_INGRESS_REDIR;
  return [
    { kind: 'TCA_ACT_KIND', value: 'mirred' },
    {
      kind: 'TCA_ACT_OPTIONS',
      value: {
        kind: 'mirred',
        attributes: [
          {
            kind: 'TCA_MIRRED_PARMS',
            value: {
              index: spec.actionIndex ?? 0,
              capab: 0,
              action: spec.verdict ?? (redirect ? TC_ACT.STOLEN : TC_ACT.PIPE),
              refcnt: 0,
              bindcnt: 0,
              eaction: spec.eaction,
              ifindex: spec.ifindex,
            },
          },
        ],
      },
    },
  ];
}
