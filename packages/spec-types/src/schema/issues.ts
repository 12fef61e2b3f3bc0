import type { BaseIssue } from 'valibot';
import { CniError } from '../errors/cni-error.ts';
import type { CniErrorCodeValue } from '../errors/codes.ts';

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** A key path as written in messages: `plugins[1].ipam.ranges[0][0].subnet`. */
export function formatKeyPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (IDENTIFIER.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(key)}]`;
  }
  return out;
}

/** A short description of a bad value for messages: strings quoted, long ones cut. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') {
    return JSON.stringify(value.length > 64 ? `${value.slice(0, 61)}...` : value);
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

function issuePath(issue: BaseIssue<unknown>): (string | number)[] {
  return (issue.path ?? []).map((item) => item.key as string | number);
}

function typeName(expected: string): string {
  const names: Record<string, string> = {
    Object: 'an object',
    Array: 'an array',
    string: 'a string',
    number: 'a number',
    boolean: 'a boolean',
  };
  return expected
    .replace(/^\((.*)\)$/, '$1')
    .split(' | ')
    .map((part) => names[part] ?? part)
    .join(' or ');
}

/** Upstream's texts for the required keys it names. */
const MISSING: Readonly<Record<string, string>> = {
  name: 'missing network name',
  type: "missing 'type'",
};

/** The message of one issue, without its path. */
export function describeIssue(issue: BaseIssue<unknown>): string {
  if (issue.kind === 'schema') {
    if (issue.input === undefined) {
      const key = issue.path?.at(-1)?.key;
      return (
        (typeof key === 'string' && Object.hasOwn(MISSING, key) && MISSING[key]) || 'is required'
      );
    }
    if (issue.type === 'union') {
      // An option that took the type but failed a check says more than the others.
      const checked = issue.issues?.find((sub) => sub.kind !== 'schema');
      if (checked) return describeIssue(checked);
    }
    return `expected ${typeName(issue.expected ?? 'a valid value')}, got ${describeValue(issue.input)}`;
  }
  return issue.message;
}

/** One line per issue: `<key path>: <what is wrong>`. */
export function formatIssue(
  issue: BaseIssue<unknown>,
  prefix: readonly (string | number)[] = [],
): string {
  const path = formatKeyPath([...prefix, ...issuePath(issue)]);
  return path === '' ? describeIssue(issue) : `${path}: ${describeIssue(issue)}`;
}

/**
 * A {@link CniError} for failed validation: `msg` is the first issue with its key path,
 * `details` lists every issue when there is more than one.
 */
export function issuesToError(
  code: CniErrorCodeValue,
  issues: readonly BaseIssue<unknown>[],
  prefix: readonly (string | number)[] = [],
): CniError {
  const lines = issues.map((issue) => formatIssue(issue, prefix));
  const details = lines.length > 1 ? lines.join('; ') : undefined;
  return new CniError(code, lines[0] ?? 'invalid value', details ? { details } : {});
}
