/** Wall-clock time of a zone given by its CMTrace bias, independent of the machine's own time zone. */

/** Calendar fields of a local time. `month` is 1-12. */
export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

/**
 * Splits `ms` (milliseconds since the Unix epoch) into the local calendar fields of the zone whose bias is
 * `biasMinutes` (minutes west of UTC, so UTC = local + bias, the sign of `Date#getTimezoneOffset()`).
 */
export function toLocalParts(ms: number, biasMinutes: number): LocalParts {
  // Shifting the instant and reading UTC fields keeps the result independent of the process's TZ.
  const d = new Date(ms - biasMinutes * 60_000);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    millisecond: d.getUTCMilliseconds(),
  };
}

/** Zero-pads a non-negative integer to `width` digits. */
export function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Renders a bias as CMTrace prints it: always signed, at least 3 digits (`+000`, `+480`, `-660`). */
export function renderBias(biasMinutes: number): string {
  const sign = biasMinutes < 0 ? '-' : '+';
  return sign + pad(Math.abs(Math.trunc(biasMinutes)), 3);
}
