/** Date-times in file and folder conditions: ISO 8601 or the CIM form `yyyyMMddHHmmss.ffffff+UUU`. */

const CIM = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:\.(\d{1,6}))?(?:([+-])(\d{3}))?$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

function instant(parts: number[], fraction: string | undefined, offsetMinutes: number): number | undefined {
  const [y, mo, d, h, mi, s] = parts;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return undefined;
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const date = new Date(ms);
  if (date.getUTCDate() !== d) return undefined; // e.g. 31 February
  const micros = fraction ? Number(fraction.padEnd(6, '0').slice(0, 6)) : 0;
  return (ms - offsetMinutes * 60_000) * 1000 + micros;
}

function isoOffset(zone: string | undefined): number {
  if (!zone || zone.toUpperCase() === 'Z') return 0;
  const digits = zone.replace(':', '');
  const minutes = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5));
  return digits[0] === '-' ? -minutes : minutes;
}

/**
 * Parses a date-time to a UTC instant in microseconds since 1970. ISO text without a zone is taken as UTC; the CIM
 * offset is minutes east of UTC (`-300` = UTC-5). Returns undefined for anything else or an impossible date.
 */
export function parseConditionDateTime(text: string): number | undefined {
  const t = text.trim();
  const cim = CIM.exec(t);
  if (cim) {
    const offset = cim[8] ? Number(cim[9]) * (cim[8] === '-' ? -1 : 1) : 0;
    return instant(cim.slice(1, 7).map(Number), cim[7], offset);
  }
  const iso = ISO.exec(t);
  if (!iso) return undefined;
  const parts = [iso[1], iso[2], iso[3], iso[4] ?? '0', iso[5] ?? '0', iso[6] ?? '0'].map(Number);
  return instant(parts, iso[7], isoOffset(iso[8]));
}
