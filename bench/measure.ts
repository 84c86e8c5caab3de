/** Small timing helpers for the benchmark (wall clock, medians). */
import { performance } from 'node:perf_hooks';

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Median milliseconds of `runs` calls of `fn` after `warmup` unmeasured calls. */
export async function timeMedian(fn: () => unknown | Promise<unknown>, runs: number, warmup = 3): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return median(times);
}

export interface Row {
  name: string;
  value: number;
  unit: string;
  target: string;
  ok: boolean;
  baseline: string;
  ratio: number;
}

export function printRows(rows: Row[]): void {
  console.log(`${'measure'.padEnd(58)} ${'value'.padStart(14)}  ${'target'.padEnd(14)} ${'vs baseline'.padEnd(44)} result`);
  for (const r of rows) {
    const v = `${r.value < 10 ? r.value.toFixed(3) : Math.round(r.value).toLocaleString('en-US')} ${r.unit}`;
    console.log(`${r.name.padEnd(58)} ${v.padStart(14)}  ${r.target.padEnd(14)} ${`${r.ratio.toFixed(2)}x ${r.baseline}`.padEnd(44)} ${r.ok ? 'ok' : 'MISSED'}`);
  }
}
