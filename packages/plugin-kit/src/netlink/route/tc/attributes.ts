import { type AttributeTable, nestedList, type ValueCodec, values } from '../_attribute-table.ts';
import { needBytes, writeFixed } from '../_bytes.ts';
import { rawBytes, u64 } from './_values.ts';
import { TCA, TCA_STATS } from './constants.ts';
import { encodeFilterOptions, type FilterOptions } from './filter/kinds.ts';
import { opaqueOptions } from './options-codec.ts';
import { encodeQdiscOptions, type QdiscOptions } from './qdisc/kinds.ts';
import type {
  FilterAttribute,
  GnetStatsBasic,
  GnetStatsQueue,
  QdiscAttribute,
  StatsAttribute,
  TcStats,
} from './types.ts';

const tcStats: ValueCodec<TcStats> = {
  // sizeof(struct tc_stats) is 40 on 64-bit hosts: 36 bytes of fields, 4 of padding.
  encode: (value) =>
    writeFixed(40, (v) => {
      v.setBigUint64(0, value.bytes, true);
      [
        value.packets,
        value.drops,
        value.overlimits,
        value.bps,
        value.pps,
        value.qlen,
        value.backlog,
      ].forEach((field, i) => {
        v.setUint32(8 + i * 4, field >>> 0, true);
      });
    }),
  decode: (bytes, _context, path) => {
    const v = needBytes(bytes, 36, path);
    return {
      bytes: v.getBigUint64(0, true),
      packets: v.getUint32(8, true),
      drops: v.getUint32(12, true),
      overlimits: v.getUint32(16, true),
      bps: v.getUint32(20, true),
      pps: v.getUint32(24, true),
      qlen: v.getUint32(28, true),
      backlog: v.getUint32(32, true),
    };
  },
};

const basic: ValueCodec<GnetStatsBasic> = {
  // sizeof(struct gnet_stats_basic) is 16: u64 bytes, u32 packets, 4 bytes of padding.
  encode: (value) =>
    writeFixed(16, (v) => {
      v.setBigUint64(0, value.bytes, true);
      v.setUint32(8, value.packets >>> 0, true);
    }),
  decode: (bytes, _context, path) => {
    const v = needBytes(bytes, 12, path);
    return { bytes: v.getBigUint64(0, true), packets: v.getUint32(8, true) };
  },
};

const queue: ValueCodec<GnetStatsQueue> = {
  encode: (value) =>
    writeFixed(20, (v) =>
      [value.qlen, value.backlog, value.drops, value.requeues, value.overlimits].forEach(
        (field, i) => {
          v.setUint32(i * 4, field >>> 0, true);
        },
      ),
    ),
  decode: (bytes, _context, path) => {
    const v = needBytes(bytes, 20, path);
    return {
      qlen: v.getUint32(0, true),
      backlog: v.getUint32(4, true),
      drops: v.getUint32(8, true),
      requeues: v.getUint32(12, true),
      overlimits: v.getUint32(16, true),
    };
  },
};

/** How each TCA_STATS_* attribute inside TCA_STATS2 is encoded. */
export const STATS_ATTRIBUTES: AttributeTable<StatsAttribute> = {
  TCA_STATS_BASIC: { type: TCA_STATS.BASIC, codec: basic },
  TCA_STATS_QUEUE: { type: TCA_STATS.QUEUE, codec: queue },
  TCA_STATS_PKT64: { type: TCA_STATS.PKT64, codec: u64 },
};

const stats2: ValueCodec<readonly StatsAttribute[]> = nestedList(() => STATS_ATTRIBUTES);

// TCA_OPTIONS depends on TCA_KIND, which a value codec cannot see: it is read as bytes here
// and decoded by kind in decode.ts. Encoding needs no context, since options carry their kind.
const qdiscOptions: ValueCodec<QdiscOptions> = {
  encode: (value) => encodeQdiscOptions(value),
  decode: (bytes) => opaqueOptions.decode(bytes, []),
};

const filterOptions: ValueCodec<FilterOptions> = {
  encode: (value) => encodeFilterOptions(value),
  decode: (bytes) => opaqueOptions.decode(bytes, []),
};

const common = {
  TCA_KIND: { type: TCA.KIND, codec: values.string },
  TCA_STATS: { type: TCA.STATS, codec: tcStats },
  TCA_XSTATS: { type: TCA.XSTATS, codec: rawBytes },
  TCA_RATE: { type: TCA.RATE, codec: rawBytes },
  TCA_STATS2: { type: TCA.STATS2, codec: stats2 },
  TCA_STAB: { type: TCA.STAB, codec: rawBytes },
  TCA_DUMP_INVISIBLE: { type: TCA.DUMP_INVISIBLE, codec: rawBytes },
  TCA_CHAIN: { type: TCA.CHAIN, codec: values.u32 },
  TCA_HW_OFFLOAD: { type: TCA.HW_OFFLOAD, codec: values.u8 },
  TCA_INGRESS_BLOCK: { type: TCA.INGRESS_BLOCK, codec: values.u32 },
  TCA_EGRESS_BLOCK: { type: TCA.EGRESS_BLOCK, codec: values.u32 },
  TCA_EXT_WARN_MSG: { type: TCA.EXT_WARN_MSG, codec: values.string },
} as const;

/** How each TCA_* attribute of a qdisc message is encoded. */
export const QDISC_ATTRIBUTES: AttributeTable<QdiscAttribute> = {
  ...common,
  TCA_OPTIONS: { type: TCA.OPTIONS, codec: qdiscOptions },
};

/** How each TCA_* attribute of a filter message is encoded. */
export const FILTER_ATTRIBUTES: AttributeTable<FilterAttribute> = {
  ...common,
  TCA_OPTIONS: { type: TCA.OPTIONS, codec: filterOptions },
};
