import * as v from 'valibot';
import { IntSchema, IpOrCidrSchema, UintSchema } from '../schema/primitives.ts';
import { RangeSetSchema } from './ipam.ts';

/** One entry of the `portMappings` capability. */
export const PortMappingSchema = /* @__PURE__ */ v.looseObject({
  hostPort: IntSchema,
  containerPort: IntSchema,
  protocol: v.optional(v.string()),
  hostIP: v.optional(v.string()),
});

/** One port mapping. */
export type PortMapping = v.InferOutput<typeof PortMappingSchema>;

/** The `bandwidth` capability: rates in bits per second, bursts in bits. */
export const BandwidthSchema = /* @__PURE__ */ v.looseObject({
  ingressRate: v.optional(UintSchema),
  ingressBurst: v.optional(UintSchema),
  egressRate: v.optional(UintSchema),
  egressBurst: v.optional(UintSchema),
});

/** Bandwidth limits. */
export type Bandwidth = v.InferOutput<typeof BandwidthSchema>;

/** The `dns` capability (note the key names differ from a result's DNS). */
export const RuntimeDnsSchema = /* @__PURE__ */ v.looseObject({
  servers: v.optional(v.array(v.string())),
  searches: v.optional(v.array(v.string())),
  options: v.optional(v.array(v.string())),
});

/** DNS settings passed by the runtime. */
export type RuntimeDns = v.InferOutput<typeof RuntimeDnsSchema>;

/**
 * `runtimeConfig`: the capability arguments the runtime passes, for the capabilities the
 * plugin declares. The well-known ones of CONVENTIONS.md are typed; others pass through.
 */
export const RuntimeConfigSchema = /* @__PURE__ */ v.looseObject({
  portMappings: v.optional(v.array(PortMappingSchema)),
  ipRanges: v.optional(v.array(RangeSetSchema)),
  bandwidth: v.optional(BandwidthSchema),
  dns: v.optional(RuntimeDnsSchema),
  ips: v.optional(v.array(IpOrCidrSchema)),
  mac: v.optional(v.string()),
  infinibandGUID: v.optional(v.string()),
  deviceID: v.optional(v.string()),
  aliases: v.optional(v.array(v.string())),
  cgroupPath: v.optional(v.string()),
  'io.kubernetes.cri.pod-annotations': v.optional(v.record(v.string(), v.string())),
});

/** The `runtimeConfig` of a plugin config. */
export type RuntimeConfig = v.InferOutput<typeof RuntimeConfigSchema>;

/** The well-known capability names. */
export const WELL_KNOWN_CAPABILITIES = [
  'portMappings',
  'ipRanges',
  'bandwidth',
  'dns',
  'ips',
  'mac',
  'infinibandGUID',
  'deviceID',
  'aliases',
  'cgroupPath',
] as const;
