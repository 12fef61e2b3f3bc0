import * as v from 'valibot';
import { parseCidr, parseIp } from '../ip/ip.ts';

/** A JSON integer, as a Go `int` field takes it. */
export const IntSchema = /* @__PURE__ */ v.pipe(
  v.number(),
  v.check(
    (value: number) => Number.isSafeInteger(value),
    (issue) => `expected an integer, got ${String(issue.input)}`,
  ),
);

/** A non-negative JSON integer, as a Go `uint`/`uint64` field takes it. */
export const UintSchema = /* @__PURE__ */ v.pipe(
  v.number(),
  v.check(
    (value) => Number.isSafeInteger(value) && value >= 0,
    (issue) => `expected a non-negative integer, got ${String(issue.input)}`,
  ),
);

/** A CIDR ("10.1.0.5/16", host bits allowed) in Go's `net.ParseCIDR` grammar. */
export const CidrSchema = /* @__PURE__ */ v.pipe(
  v.string(),
  v.check(
    (value) => parseCidr(value) !== undefined,
    (issue) => `invalid CIDR ${JSON.stringify(issue.input)}`,
  ),
);

/** An IP address in Go's `net.ParseIP` grammar; "" means unset, as in Go. */
export const IpSchema = /* @__PURE__ */ v.pipe(
  v.string(),
  v.check(
    (value) => value === '' || parseIp(value) !== undefined,
    (issue) => `invalid IP address ${JSON.stringify(issue.input)}`,
  ),
);

/** "ip" or "ip/prefix", as the `ips` capability and `args.cni.ips` carry them. */
export const IpOrCidrSchema = /* @__PURE__ */ v.pipe(
  v.string(),
  v.check(
    (value) => (value.includes('/') ? parseCidr(value) : parseIp(value)) !== undefined,
    (issue) => `invalid IP address or CIDR ${JSON.stringify(issue.input)}`,
  ),
);

function flexibleBoolSchema() {
  return v.union([
    v.boolean(),
    v.pipe(
      v.string(),
      v.check(
        (value) => /^(true|false)$/i.test(value),
        (issue) => `expected a boolean or "true"/"false", got ${JSON.stringify(issue.input)}`,
      ),
      v.transform((value) => value.toLowerCase() === 'true'),
    ),
  ]);
}

/**
 * A flag libcni accepts as a JSON boolean or as the string "true"/"false" in any case
 * (`disableCheck`, `disableGC`, `loadOnlyInlinedPlugins`). The output is a boolean. Made by
 * a pure call, so a plugin's bundle, which reads no conflist, leaves it out: making a union
 * costs an exec the first calls of JavaScript-implemented builtins (issue 22).
 */
export const FlexibleBoolSchema = /* @__PURE__ */ flexibleBoolSchema();
