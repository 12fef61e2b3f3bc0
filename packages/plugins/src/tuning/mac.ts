// The `mac` setting: text as Go's net.ParseMAC reads a 48-bit address.

const COLON = /^[0-9a-f]{2}([:-])[0-9a-f]{2}(?:\1[0-9a-f]{2}){4}$/i;
const DOTTED = /^[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}$/i;

/**
 * "aa:bb:cc:dd:ee:ff" for the forms Go's ParseMAC takes for a 48-bit address
 * (`02:00:5e:00:53:01`, `02-00-5e-00-53-01`, `0200.5e00.5301`, any case), or undefined.
 */
export function parseMac(text: string): string | undefined {
  let hex: string;
  if (COLON.test(text)) hex = text.replace(/[:-]/g, '');
  else if (DOTTED.test(text)) hex = text.replace(/\./g, '');
  else return undefined;
  return hex.toLowerCase().match(/../g)?.join(':');
}
