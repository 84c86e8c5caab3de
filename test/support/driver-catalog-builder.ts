/**
 * Writes a driver catalog folder for a machine's devices with the traps that make real catalogs hard: for each device
 * a vendor driver that should win, an older build of it, a newer generic driver matched by a compatible ID, an
 * x86-only driver and an unsigned newer one; two laptop models shipping the same INF for one SKU; malformed INFs;
 * one UTF-16 INF; and unrelated filler drivers. Returns the INF ids Auto Apply Drivers (best match, signed only) must
 * stage for an x64 Windows.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PnpDevice } from '../../engine/index.ts';

interface InfSpec {
  ids: string[];
  decoration?: string;
  date?: string;
  version?: string;
  signed?: boolean;
  utf16?: boolean;
  cls?: string;
}

function infText(name: string, s: InfSpec): string {
  const decoration = s.decoration ?? 'NTamd64.10.0...19041';
  const [y, m, d] = (s.date ?? '2024-03-01').split('-');
  const date = `${m}/${d}/${y}`;
  return [
    `; ${name}: generated fixture`,
    '[Version]',
    'Signature = "$Windows NT$"',
    `Class = ${s.cls ?? 'System'}`,
    'Provider = %Vendor%',
    ...(s.signed === false ? [] : [`CatalogFile = ${name.replace(/\.inf$/, '.cat')}`]),
    `DriverVer = ${date},${s.version ?? '1.0.0.0'}`,
    '',
    '[Manufacturer]',
    `%Vendor% = Models, ${decoration}`,
    '',
    `[Models.${decoration}]`,
    `%Desc% = Install, ${s.ids.join(', ')}`,
    '',
    '[Install]',
    `CopyFiles = ${name.replace(/\.inf$/, '')}.sys`,
    '',
    '[Strings]',
    'Vendor = "Example Devices, Inc."',
    `Desc = "${name} device"`,
    '',
  ].join('\r\n');
}

function writeInf(root: string, pkg: string, name: string, spec: InfSpec): string {
  const folder = join(root, pkg);
  mkdirSync(folder, { recursive: true });
  const text = infText(name, spec);
  writeFileSync(join(folder, name), spec.utf16 ? Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]) : text);
  if (spec.signed !== false) writeFileSync(join(folder, name.replace(/\.inf$/, '.cat')), 'catalog\n');
  writeFileSync(join(folder, name.replace(/\.inf$/, '.sys')), `${name} binary\n`);
  return `${pkg}/${name}`;
}

/** Devices that get no driver in the catalog (Windows has them in the box). */
const INBOX = /^(ACPI\\MSFT0101|ACPI\\LEN0071|ACPI\\INTC1070)/;

export interface BuiltCatalog {
  dir: string;
  infCount: number;
  /** INF ids (`package/file.inf`) best match must stage. */
  expected: string[];
  /** The tie the catalog id breaks: winner and loser ids. */
  tie: { winner: string; loser: string };
}

/** Writes the catalog under `dir` for `devices` (the first device gets the two-models tie). */
export function buildDriverCatalog(dir: string, devices: readonly PnpDevice[], filler = 120): BuiltCatalog {
  const expected: string[] = [];
  let count = 0;
  const add = (pkg: string, name: string, spec: InfSpec) => { count++; return writeInf(dir, pkg, name, spec); };
  let tie = { winner: '', loser: '' };
  devices.forEach((d, i) => {
    if (INBOX.test(d.deviceId)) return;
    const sku = d.hardwareIds[Math.min(1, d.hardwareIds.length - 1)];
    const best = d.hardwareIds[0];
    const generic = d.compatibleIds[d.compatibleIds.length - 1];
    if (i === 0) {
      tie = { winner: add('lenovo-t14-gen3', 'lan.inf', { ids: [sku], cls: d.class }), loser: add('lenovo-t14s-gen3', 'lan.inf', { ids: [sku], cls: d.class }) };
      expected.push(tie.winner);
    } else {
      expected.push(add(`vendor-${i}`, `dev${i}.inf`, { ids: [sku], version: `2.0.${i}.0`, cls: d.class, utf16: d.class === 'MEDIA' && d.deviceId.startsWith('HDAUDIO\\FUNC_01&VEN_10EC') }));
    }
    add(`archive-${i}`, `dev${i}-old.inf`, { ids: [sku], date: '2022-01-15', version: `1.0.${i}.0`, cls: d.class });
    if (generic) add('generic', `generic${i}.inf`, { ids: [generic], date: '2025-06-01', cls: d.class });
    add(`legacy-${i}`, `dev${i}-x86.inf`, { ids: [best], decoration: 'NTx86', date: '2025-01-01', cls: d.class });
    add(`beta-${i}`, `dev${i}-beta.inf`, { ids: [best], signed: false, date: '2025-02-01', cls: d.class });
  });
  for (let i = 0; i < filler; i++) {
    const dev = (0x1000 + i).toString(16).toUpperCase();
    add(`filler-${Math.floor(i / 10)}`, `other${i}.inf`, { ids: [`PCI\\VEN_1AF4&DEV_${dev}&SUBSYS_00011AF4`, `PCI\\VEN_1AF4&DEV_${dev}`] });
  }
  mkdirSync(join(dir, 'broken'), { recursive: true });
  writeFileSync(join(dir, 'broken', 'truncated.inf'), '[Version]\r\nSignature = "$Windows NT$"\r\nDriverVer = 01/01/2024,1.0.0.0\r\n[Manufacturer\r\n');
  writeFileSync(join(dir, 'broken', 'nodate.inf'), '[Version]\r\nSignature = "$Windows NT$"\r\n[Manufacturer]\r\n');
  return { dir, infCount: count + 2, expected: expected.sort(), tie };
}
