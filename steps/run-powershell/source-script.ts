/** Inline scripts of Run PowerShell Script: option `SourceScript` is Base64 of UTF-16LE text with a byte order mark. */

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Decodes a `SourceScript` value into the script text (BOM removed). Whitespace inside the Base64 is ignored.
 * Returns an error text when the value is not Base64 or not UTF-16LE (odd byte count, unpaired surrogates).
 */
export function decodeSourceScript(value: string): { text: string } | { error: string } {
  const compact = value.replace(/\s+/g, '');
  if (compact.length % 4 !== 0 || !BASE64.test(compact)) return { error: 'SourceScript is not valid Base64' };
  const bytes = Buffer.from(compact, 'base64');
  if (bytes.length % 2 !== 0) return { error: `SourceScript is not UTF-16LE text (${bytes.length} bytes, an odd count)` };
  let text: string;
  try {
    text = new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return { error: 'SourceScript is not valid UTF-16LE text' };
  }
  return { text: text.startsWith('\uFEFF') ? text.slice(1) : text };
}

/** The inverse of {@link decodeSourceScript}: Base64 of UTF-16LE with a BOM, as the console stores it. */
export function encodeSourceScript(text: string): string {
  return Buffer.from('\uFEFF' + text, 'utf16le').toString('base64');
}
