import { parseCidr, parseIp } from '../ip/ip.ts';
import { RESULT_FAMILIES } from './types.ts';

// A 1.x result checked by hand, as every chained plugin receives its prevResult: when all
// of its keys are exactly the spec's and every value has the schema's type, parseResult
// takes it as it is and skips the schema (and Go-style key folding), which is most of the
// cost of a prevResult in a plugin exec (issue 22). Anything else (a folded or unknown key,
// a null, a wrong type, a bad address) answers false and goes through the schema, which
// gives the errors; a test holds the two to the same verdicts.

type Check = (value: unknown) => boolean;

const isString: Check = (value) => typeof value === 'string';
const isInt: Check = (value) => typeof value === 'number' && Number.isSafeInteger(value);
const isCidr: Check = (value) => typeof value === 'string' && parseCidr(value) !== undefined;
const isIp: Check = (value) =>
  typeof value === 'string' && (value === '' || parseIp(value) !== undefined);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An object whose every key is one of `fields` and passes its check, `required` present. */
function exactObject(fields: Readonly<Record<string, Check>>, required?: string): Check {
  return (value) => {
    if (!isRecord(value)) return false;
    if (required !== undefined && !Object.hasOwn(value, required)) return false;
    for (const key of Object.keys(value)) {
      const check = Object.hasOwn(fields, key) ? fields[key] : undefined;
      if (check === undefined || !check(value[key])) return false;
    }
    return true;
  };
}

function listOf(item: Check): Check {
  return (value) => {
    if (!Array.isArray(value)) return false;
    for (const element of value) if (!item(element)) return false;
    return true;
  };
}

let result100: Check | undefined;

function makeResult100Check(): Check {
  const strings = listOf(isString);
  const versions: readonly string[] = RESULT_FAMILIES['100'];
  return exactObject({
    cniVersion: (value) => typeof value === 'string' && versions.includes(value),
    interfaces: listOf(
      exactObject({
        name: isString,
        mac: isString,
        mtu: isInt,
        sandbox: isString,
        socketPath: isString,
        pciID: isString,
      }),
    ),
    ips: listOf(exactObject({ interface: isInt, address: isCidr, gateway: isIp }, 'address')),
    routes: listOf(
      exactObject(
        {
          dst: isCidr,
          gw: isIp,
          mtu: isInt,
          advmss: isInt,
          priority: isInt,
          table: isInt,
          scope: isInt,
        },
        'dst',
      ),
    ),
    dns: exactObject({ nameservers: strings, domain: isString, search: strings, options: strings }),
  });
}

/**
 * True when `value` is a 1.x result that the 1.x schema accepts as it is: only the spec's
 * keys, spelled exactly, no nulls, a 1.x `cniVersion` if any, every value of its type and
 * every address valid.
 */
export function isPlainResult100(value: unknown): boolean {
  result100 ??= makeResult100Check();
  return result100(value);
}
