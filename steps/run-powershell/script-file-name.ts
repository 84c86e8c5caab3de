/** Stable, GUID-shaped file names for inline scripts, so that a re-run writes the same file. */

/** Folder the Windows agent writes inline scripts to (documented). */
export const INLINE_SCRIPT_FOLDER = '%windir%\\temp\\smstspowershellscripts';

// Four FNV-1a lanes with different offset bases, each finished with an avalanche step: 128 well-mixed bits.
const LANE_BASES = [0x811c9dc5, 0x050c5d1f, 0x1b873593, 0x6a09e667];

function lane(text: string, basis: number): number {
  let h = basis >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A GUID-shaped name (`8-4-4-4-12` upper-case hex) derived from the script text only. */
export function renderScriptGuid(source: string): string {
  const hex = LANE_BASES.map((b) => lane(source, b).toString(16).padStart(8, '0')).join('').toUpperCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Where the inline script is written: `%windir%\temp\smstspowershellscripts\<guid>.ps1`. */
export function renderInlineScriptPath(source: string): string {
  return `${INLINE_SCRIPT_FOLDER}\\${renderScriptGuid(source)}.ps1`;
}
