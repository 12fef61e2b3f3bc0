import { goQuote } from '@cni-ts/spec-types';
import { goUnquote } from './_go-unquote.ts';

/** The owner a per-container rule comment names. */
export interface CommentOwner {
  readonly name: string;
  readonly id: string;
}

/**
 * The comment upstream puts on every iptables rule it makes for a container:
 * `name: "<network>" id: "<containerId>"` with Go's `%q` quoting (`utils.FormatComment`).
 */
export function formatComment(name: string, id: string): string {
  return `name: ${goQuote(name)} id: ${goQuote(id)}`;
}

const COMMENT = /^name: ("(?:[^"\\]|\\.)*") id: ("(?:[^"\\]|\\.)*")$/s;

/** The network and container a formatComment text names, or undefined for any other text. */
export function parseComment(comment: string): CommentOwner | undefined {
  const match = COMMENT.exec(comment);
  if (match === null) return undefined;
  const name = goUnquote(match[1] ?? '');
  const id = goUnquote(match[2] ?? '');
  if (name === undefined || id === undefined) return undefined;
  return { name, id };
}
