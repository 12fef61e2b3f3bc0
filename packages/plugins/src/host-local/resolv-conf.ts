import { readTextFile } from '@cni-ts/plugin-kit';
import type { Dns } from '@cni-ts/spec-types';
import { goPathErrorText } from './fs-error.ts';
import { HostLocalError } from './host-local-error.ts';

/**
 * Reads resolv.conf text into a result's DNS as upstream does: `nameserver` lines add a
 * server, `domain` sets the domain (the last one wins), `search` and `options` lines add
 * their words. Blank lines, lines starting with `#` or `;`, lines with fewer than two
 * words and other keywords are skipped.
 */
export function parseResolvConf(text: string): Dns {
  const nameservers: string[] = [];
  const search: string[] = [];
  const options: string[] = [];
  let domain: string | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const [keyword, ...words] = line.split(/\s+/);
    const first = words[0];
    if (first === undefined) continue;
    if (keyword === 'nameserver') nameservers.push(first);
    else if (keyword === 'domain') domain = first;
    else if (keyword === 'search') search.push(...words);
    else if (keyword === 'options') options.push(...words);
  }
  return {
    ...(nameservers.length > 0 ? { nameservers } : {}),
    ...(domain === undefined ? {} : { domain }),
    ...(search.length > 0 ? { search } : {}),
    ...(options.length > 0 ? { options } : {}),
  };
}

/** Reads and parses the resolv.conf at `path`; a HostLocalError in Go's words if unreadable. */
export function readResolvConf(path: string): Dns {
  let text: string;
  try {
    text = readTextFile(path);
  } catch (error) {
    throw new HostLocalError(goPathErrorText(error, path), { cause: error });
  }
  return parseResolvConf(text);
}
