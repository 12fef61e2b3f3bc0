import { be64, readBe64 } from '../_attr.ts';
import type { CounterExpr, ExprCodec } from './types.ts';

/** enum nft_counter_attributes. */
export const NFTA_COUNTER = { BYTES: 1, PACKETS: 2 } as const;

export const counterCodec: ExprCodec<CounterExpr> = {
  name: 'counter',
  encode(expr) {
    const out: Uint8Array[] = [];
    if (expr.bytes !== undefined) out.push(be64(NFTA_COUNTER.BYTES, expr.bytes));
    if (expr.packets !== undefined) out.push(be64(NFTA_COUNTER.PACKETS, expr.packets));
    return out;
  },
  decode(map, path) {
    const bytes = map.get(NFTA_COUNTER.BYTES);
    const packets = map.get(NFTA_COUNTER.PACKETS);
    return {
      kind: 'counter',
      ...(bytes === undefined ? {} : { bytes: readBe64(bytes, path) }),
      ...(packets === undefined ? {} : { packets: readBe64(packets, path) }),
    };
  },
};
