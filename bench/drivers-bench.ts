/**
 * Driver matching at catalog scale: 200 devices against 20,000 INF model entries (2,000 INFs of 10 models, three
 * platform decorations), index build included, as Auto Apply Drivers does it once per run.
 */
import type { DriverInf, InfModel, PnpDevice } from '../engine/index.ts';
import { buildDriverIndex } from '../steps/shared/drivers/driver-index.ts';
import { matchDevices } from '../steps/shared/drivers/rank-drivers.ts';
import { timeMedian } from './measure.ts';

const hex = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');
const DECORATIONS: Array<InfModel['platform']> = [
  { architecture: 'x64', decoration: 'NTamd64.10.0...19041', minVersion: '10.0', minBuild: 19041 },
  { architecture: 'x64', decoration: 'NTamd64' },
  { architecture: 'x86', decoration: 'NTx86' },
];

export function catalog(infs: number, modelsPerInf: number): DriverInf[] {
  return Array.from({ length: infs }, (_, i) => ({
    id: `pkg-${i % 97}/drv${i}.inf`, package: `pkg-${i % 97}`, path: `/catalog/drv${i}.inf`, relativePath: `drv${i}.inf`,
    class: 'System', provider: 'Bench', date: `20${10 + (i % 15)}-0${1 + (i % 9)}-15`, version: `1.${i % 7}.${i}.0`,
    signed: i % 11 !== 0, categories: [],
    models: Array.from({ length: modelsPerInf }, (_, m) => {
      const dev = hex((i * modelsPerInf + m) % 4000);
      const ven = hex(0x8000 + (i % 50));
      return {
        manufacturer: 'Bench', description: `device ${m}`, installSection: 'Install', line: 20 + m,
        ids: [`PCI\\VEN_${ven}&DEV_${dev}&SUBSYS_${hex(m)}17AA`, `PCI\\VEN_${ven}&DEV_${dev}`, `PCI\\VEN_${ven}&CC_0C05`],
        platform: DECORATIONS[(i + m) % DECORATIONS.length],
      };
    }),
  }));
}

export function devices(count: number): PnpDevice[] {
  return Array.from({ length: count }, (_, d) => {
    const ven = hex(0x8000 + (d % 50));
    const dev = hex((d * 37) % 4000);
    const base = `PCI\\VEN_${ven}&DEV_${dev}`;
    return {
      deviceId: `${base}\\${d}`, name: `device ${d}`, class: 'System',
      hardwareIds: [`${base}&SUBSYS_${hex(d % 10)}17AA&REV_01`, `${base}&SUBSYS_${hex(d % 10)}17AA`, `${base}&CC_0C0500`, `${base}&CC_0C05`],
      compatibleIds: [`${base}&REV_01`, base, `PCI\\VEN_${ven}&CC_0C0500`, `PCI\\VEN_${ven}&CC_0C05`, `PCI\\VEN_${ven}`, 'PCI\\CC_0C0500', 'PCI\\CC_0C05'],
    };
  });
}

const TARGET = { architecture: 'x64', version: '10.0.22631' };

/** Median ms to index 20,000 model entries and rank every candidate of 200 devices; `entries` to check the size. */
export async function matchAtScale(): Promise<{ ms: number; entries: number; candidates: number }> {
  const infs = catalog(2000, 10);
  const list = devices(200);
  let candidates = 0;
  const ms = await timeMedian(() => {
    const matches = matchDevices(buildDriverIndex(infs, TARGET), list, { allowUnsigned: false });
    candidates = matches.reduce((n, m) => n + m.ranked.length + m.rejected.length, 0);
  }, 15);
  return { ms, entries: infs.reduce((n, i) => n + i.models.length, 0), candidates };
}

/** Baseline: a bare Map over the same ID strings (insert every model ID, look up every device ID). */
export async function bareMapOfSameIds(): Promise<number> {
  const infs = catalog(2000, 10);
  const list = devices(200);
  return timeMedian(() => {
    const map = new Map<string, unknown[]>();
    for (const inf of infs) for (const m of inf.models) for (const id of m.ids) (map.get(id) ?? map.set(id, []).get(id)!).push(m);
    let hits = 0;
    for (const d of list) for (const id of [...d.hardwareIds, ...d.compatibleIds]) hits += map.get(id)?.length ?? 0;
    return hits;
  }, 15);
}
