// MAC address text as Go's net.ParseMAC reads it (the 6-byte forms a link can carry), so
// that plugins accept in configs and CNI_ARGS what the Go plugins accept.

const COLON = /^[0-9a-f]{2}([:-])[0-9a-f]{2}(?:\1[0-9a-f]{2}){4}$/i;
const DOTTED = /^[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}$/i;

/**
 * "aa:bb:cc:dd:ee:ff" for the forms Go's ParseMAC takes for a 48-bit address
 * (`00:00:5e:00:53:01`, `00-00-5e-00-53-01`, `0000.5e00.5301`, any case), or undefined.
 */
export function parseGoMac(text: string): string | undefined {
  let hex: string;
  if (COLON.test(text)) hex = text.replace(/[:-]/g, '');
  else if (DOTTED.test(text)) hex = text.replace(/\./g, '');
  else return undefined;
  return hex.toLowerCase().match(/../g)?.join(':');
}
