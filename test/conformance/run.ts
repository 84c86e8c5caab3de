/**
 * `npm run conformance -- DIR`: loads, validates and converts every sequence in DIR and prints a table (file, form,
 * steps, errors, warnings, round trip). Exits 1 when a file does not load or does not round-trip; errors a file has
 * are listed (they are that file's defects, see docs/conformance.md), not failures of the run.
 */
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { formatProblem } from '../../engine/index.ts';
import { loadChildren } from '../../agent/load/load-children.ts';
import { inspect, type Inspection } from './inspect.ts';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: npm run conformance -- DIR');
  process.exit(2);
}
const files = readdirSync(dir).filter((f) => /\.(xml|zip|json)$/i.test(f)).sort().map((f) => join(dir, f));
const { children } = loadChildren(dir);
const rows: Inspection[] = files.map((f) => inspect(f, children));

const short = (f: string) => (basename(f).length > 70 ? basename(f).slice(0, 67) + '...' : basename(f));
console.log(`${'file'.padEnd(70)} ${'form'.padEnd(14)} ${'steps'.padStart(5)} ${'errors'.padStart(6)} ${'warnings'.padStart(8)}  round-trip`);
for (const r of rows) {
  const rt = r.roundTrip === undefined ? '-' : r.roundTrip ? 'ok' : `FAILED (${r.roundTripProblem})`;
  console.log(`${short(r.file).padEnd(70)} ${(r.form ?? 'NOT LOADED').padEnd(14)} ${String(r.steps).padStart(5)} ${String(r.errors.length).padStart(6)} ${String(r.warnings.length).padStart(8)}  ${rt}`);
}
const loaded = rows.filter((r) => r.loaded).length;
const trips = rows.filter((r) => r.roundTrip).length;
const errors = rows.reduce((n, r) => n + r.errors.length, 0);
const warnings = rows.reduce((n, r) => n + r.warnings.length, 0);
console.log(`\nloaded ${loaded}/${rows.length}, round-trip ok ${trips}/${rows.length}, steps ${rows.reduce((n, r) => n + r.steps, 0)}, errors ${errors}, warnings ${warnings}`);
const withErrors = rows.filter((r) => r.errors.length);
if (withErrors.length) {
  console.log('\nerrors:');
  for (const r of withErrors) for (const p of r.errors) console.log(`  ${formatProblem({ ...p, file: basename(p.file ?? r.file) })}`);
}
const plans = rows.flatMap((r) => r.plans.map((p) => ({ ...p, file: basename(r.file) })));
if (plans.length) {
  console.log(`\nFormat and Partition Disk plans on a blank 256 GB disk (* = active):`);
  for (const p of plans) console.log(`  ${p.ok ? 'ok  ' : 'FAIL'} ${short(p.file)} :: ${p.path}\n         ${p.text}`);
  console.log(`plans ok ${plans.filter((p) => p.ok).length}/${plans.length}`);
}
const codes = new Map<string, number>();
for (const r of rows) for (const p of r.warnings) codes.set(p.code, (codes.get(p.code) ?? 0) + 1);
if (codes.size) console.log(`\nwarnings by code: ${[...codes].map(([c, n]) => `${c} ${n}`).join(', ')}`);
process.exitCode = loaded === rows.length && trips === rows.length && plans.every((p) => p.ok) ? 0 : 1;
