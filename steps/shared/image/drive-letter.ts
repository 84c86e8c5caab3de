/** Drive letters as the image and capture steps compare them (pure). */

const LETTER = /^([A-Za-z]):?\\?$/;

/** `C`, `c:`, `C:\` -> `C:`; undefined when the text is not a drive letter. */
export function normalizeLetter(text: string): string | undefined {
  const m = LETTER.exec(text.trim());
  return m ? `${m[1].toUpperCase()}:` : undefined;
}
