/** File versions (`10.0.19041.1`) in file conditions. */

function ordinal(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * -1, 0 or 1: dotted versions compared component by component, numerically (missing components are 0; a
 * non-numeric component compares as case-insensitive text).
 */
export function compareVersions(a: string, b: string): number {
  const x = a.trim().split('.');
  const y = b.trim().split('.');
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const p = x[i] ?? '0';
    const q = y[i] ?? '0';
    const [m, n] = [Number(p), Number(q)];
    const order = Number.isFinite(m) && Number.isFinite(n) ? m - n : ordinal(p.toLowerCase(), q.toLowerCase());
    if (order !== 0) return order < 0 ? -1 : 1;
  }
  return 0;
}
