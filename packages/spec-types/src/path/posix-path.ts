// POSIX path arithmetic with the results of node:path's posix functions, without loading
// node:path: its module graph (node:path and Bun's internal validators) costs every plugin
// exec about 0.3 ms (issue 22), and a plugin only ever joins and splits a few paths.
// Loops over indices, no array iterators: every JavaScript-implemented builtin a plugin
// exec calls for the first time costs it tens of microseconds.

const SLASH = 47;

/**
 * `path` with `.` and `..` segments resolved and repeated slashes collapsed, a trailing
 * slash kept; `.` for an empty result (node's `path.posix.normalize`).
 */
export function pathNormalize(path: string): string {
  if (path === '') return '.';
  const absolute = path.charCodeAt(0) === SLASH;
  const trailing = path.charCodeAt(path.length - 1) === SLASH;
  const segments = path.split('/');
  const out: string[] = [];
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as string;
    if (segment === '' || segment === '.') continue;
    if (segment !== '..') out.push(segment);
    else if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else if (!absolute) out.push('..');
  }
  const body = out.join('/');
  if (absolute) return body === '' ? '/' : `/${body}${trailing ? '/' : ''}`;
  if (body === '') return trailing ? './' : '.';
  return trailing ? `${body}/` : body;
}

/** The non-empty parts joined with `/`, normalized; `.` when nothing is left. */
export function pathJoin(...parts: string[]): string {
  const kept: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    if (part !== '') kept.push(part);
  }
  return kept.length === 0 ? '.' : pathNormalize(kept.join('/'));
}

/** Everything before the last segment (trailing slashes ignored): `.` or `/` at the top. */
export function pathDirname(path: string): string {
  if (path === '') return '.';
  const rooted = path.charCodeAt(0) === SLASH;
  let end = path.length - 1;
  // Skip the trailing slashes, then the last segment; stop at the slash before it.
  while (end >= 1 && path.charCodeAt(end) === SLASH) end--;
  while (end >= 1 && path.charCodeAt(end) !== SLASH) end--;
  if (end < 1) return rooted ? '/' : '.';
  if (rooted && end === 1) return '//';
  return path.slice(0, end);
}

/** The last segment, trailing slashes ignored; `''` for `/` (node's one-argument form). */
export function pathBasename(path: string): string {
  let end = path.length;
  while (end > 0 && path.charCodeAt(end - 1) === SLASH) end--;
  return path.slice(path.lastIndexOf('/', end - 1) + 1, end);
}
