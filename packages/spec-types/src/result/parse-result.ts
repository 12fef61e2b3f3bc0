import type * as v from 'valibot';
import { CniError } from '../errors/cni-error.ts';
import { CniErrorCode } from '../errors/codes.ts';
import { decodeInput, type JsonInput, validate } from '../netconf/parse.ts';
import { foldKey } from '../schema/_fold-keys.ts';
import { cidr, compact, dns, list, nonEmpty, nonZero, optionalIp, routes } from './_canonical.ts';
import { Result020Schema, Result040Schema, Result100Schema } from './schemas.ts';
import {
  RESULT_FAMILIES,
  type Result,
  type Result020,
  type Result040,
  type Result100,
  type ResultFamily,
  resultFamily,
} from './types.ts';

function decodeError(msg: string): CniError {
  return new CniError(CniErrorCode.DecodingFailure, msg);
}

function declaredVersion(raw: Record<string, unknown>): string {
  let declared: unknown = '';
  for (const [key, value] of Object.entries(raw)) {
    if (foldKey(key) === 'cniversion' && value !== null) declared = value;
  }
  if (typeof declared !== 'string') throw decodeError('cniVersion: expected a string');
  return declared;
}

function familyOf(version: string): ResultFamily {
  const family = resultFamily(version === '' ? '0.1.0' : version);
  if (!family) throw decodeError(`unsupported CNI result version "${version}"`);
  return family;
}

function from020(raw: v.InferOutput<typeof Result020Schema>, cniVersion: string): Result020 {
  const ipConfig = (ip: (typeof raw)['ip4']) =>
    ip && compact({ ip: cidr(ip.ip), gateway: optionalIp(ip.gateway), routes: routes(ip.routes) });
  return compact({
    cniVersion: cniVersion as Result020['cniVersion'],
    ip4: ipConfig(raw.ip4),
    ip6: ipConfig(raw.ip6),
    dns: dns(raw.dns),
  }) as Result020;
}

function from040(raw: v.InferOutput<typeof Result040Schema>, cniVersion: string): Result040 {
  return compact({
    cniVersion: cniVersion as Result040['cniVersion'],
    interfaces: list(raw.interfaces, (intf) =>
      compact({ name: intf.name ?? '', mac: nonEmpty(intf.mac), sandbox: nonEmpty(intf.sandbox) }),
    ),
    ips: list(raw.ips, (ip) =>
      compact({
        version: ip.version ?? '',
        interface: ip.interface,
        address: cidr(ip.address),
        gateway: optionalIp(ip.gateway),
      }),
    ),
    routes: routes(raw.routes),
    dns: dns(raw.dns),
  }) as Result040;
}

function from100(raw: v.InferOutput<typeof Result100Schema>, cniVersion: string): Result100 {
  return compact({
    cniVersion: cniVersion as Result100['cniVersion'],
    interfaces: list(raw.interfaces, (intf) =>
      compact({
        name: intf.name ?? '',
        mac: nonEmpty(intf.mac),
        mtu: nonZero(intf.mtu),
        sandbox: nonEmpty(intf.sandbox),
        socketPath: nonEmpty(intf.socketPath),
        pciID: nonEmpty(intf.pciID),
      }),
    ),
    ips: list(raw.ips, (ip) =>
      compact({
        interface: ip.interface,
        address: cidr(ip.address),
        gateway: optionalIp(ip.gateway),
      }),
    ),
    routes: routes(raw.routes),
    dns: dns(raw.dns),
  }) as Result100;
}

/**
 * Parses a result as upstream's result creators do, then brings it into canonical form
 * (addresses as Go prints them, empty fields dropped).
 *
 * Without `version`, the result's own `cniVersion` picks the shape (missing means 0.1.0).
 * With `version` (the config's version, as for a `prevResult` or a plugin's output), the
 * result must belong to that version's family, and a result without `cniVersion` takes
 * `version`, as upstream's prevResult parsing and exec fixup do. Unknown keys are
 * dropped, as in Go. Throws a code-6 {@link CniError} with upstream's texts.
 */
export function parseResult(input: JsonInput, version?: string): Result {
  const raw = decodeInput(input, 'result');
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw decodeError('result must be a JSON object');
  }
  const declared = declaredVersion(raw as Record<string, unknown>);
  let cniVersion = declared === '' ? '0.1.0' : declared;
  const family = familyOf(version ?? cniVersion);
  if (version !== undefined && declared === '') cniVersion = version === '' ? '0.1.0' : version;
  const versions: readonly string[] = RESULT_FAMILIES[family];
  if (!versions.includes(cniVersion)) {
    throw decodeError(
      `result type supports [${versions.join(' ')}] but unmarshalled CNIVersion is "${cniVersion}"`,
    );
  }
  const body = { ...(raw as object), cniVersion };
  const code = CniErrorCode.DecodingFailure;
  if (family === '020') return from020(validate(Result020Schema, body, code), cniVersion);
  if (family === '040') return from040(validate(Result040Schema, body, code), cniVersion);
  return from100(validate(Result100Schema, body, code), cniVersion);
}
