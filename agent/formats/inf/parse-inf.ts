/**
 * What driver matching needs from an INF: `[Version]` (class, provider, DriverVer, catalog file, signature), the
 * `[Manufacturer]` section with its platform decorations and the model sections with their IDs. A malformed INF is
 * reported with its line and left out; parsing never throws.
 */
import type { DriverInf, InfModel, InfPlatform, InfProblem } from '../../../engine/index.ts';
import { InfSyntaxError, parseInfSections, stringTable, substitute, type InfSection } from './inf-text.ts';

/** A parsed INF before the catalog places it in a package. */
export type ParsedInf = Omit<DriverInf, 'id' | 'package' | 'path' | 'relativePath' | 'signed' | 'categories'>;

const SIGNATURES = new Set(['$windows nt$', '$chicago$', '$windows 95$']);

type Lookup = (name: string) => string | undefined;

function versionLookup(section: InfSection, strings: Map<string, string>): Lookup {
  return (name) => {
    const e = section.entries.find((x) => x.key?.toLowerCase() === name.toLowerCase());
    return e ? substitute(e.values.join(','), strings).trim() : undefined;
  };
}

/** `mm/dd/yyyy[,w.x.y.z]` -> ISO date and version. */
function parseDriverVer(value: string, line: number): { date: string; version: string } {
  const [datePart, versionPart = '0.0.0.0'] = value.split(',').map((s) => s.trim());
  const m = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4})$/.exec(datePart);
  const month = Number(m?.[1]); const day = Number(m?.[2]);
  if (!m || month < 1 || month > 12 || day < 1 || day > 31) throw new InfSyntaxError(line, `DriverVer date '${datePart}' is not mm/dd/yyyy`);
  if (!/^\d+(\.\d+){0,3}$/.test(versionPart)) throw new InfSyntaxError(line, `DriverVer version '${versionPart}' is not w.x.y.z`);
  const version = [...versionPart.split('.'), '0', '0', '0'].slice(0, 4).map(Number).join('.');
  return { date: `${m[3]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`, version };
}

/** `NTamd64.10.0...19041` -> platform; undefined for architectures Windows no longer ships (ia64, arm). */
export function parseDecoration(decoration: string): InfPlatform | undefined {
  if (decoration === '') return { architecture: 'x86', decoration };
  const m = /^NT(amd64|x86|arm64|arm|ia64)?(?:\.(.*))?$/i.exec(decoration.trim());
  if (!m) return undefined;
  const arch = m[1]?.toLowerCase();
  if (arch === 'arm' || arch === 'ia64') return undefined;
  const architecture = arch === undefined ? 'any' : arch === 'amd64' ? 'x64' : (arch as 'x86' | 'arm64');
  const [major, minor, , , build] = (m[2] ?? '').split('.');
  const platform: InfPlatform = { architecture, decoration: decoration.trim() };
  if (major) platform.minVersion = minor ? `${Number(major)}.${Number(minor)}` : `${Number(major)}.0`;
  if (build) platform.minBuild = Number(build);
  return platform;
}

function modelsOf(section: InfSection, manufacturer: string, platform: InfPlatform, strings: Map<string, string>): InfModel[] {
  return section.entries.map((e) => {
    const values = e.values.map((v) => substitute(v, strings).trim());
    const ids = values.slice(1).filter((v) => v !== '').map((v) => v.toUpperCase());
    if (e.key === undefined || values.length < 2 || ids.length === 0) {
      throw new InfSyntaxError(e.line, `model entry in [${section.name}] needs 'description = install-section, hardware-id[, compatible-id...]'`);
    }
    return { manufacturer, description: substitute(e.key, strings).trim(), installSection: values[0], ids, platform, line: e.line };
  });
}

function parseManufacturers(sections: Map<string, InfSection>, strings: Map<string, string>): InfModel[] {
  const mfg = sections.get('manufacturer');
  if (!mfg) throw new InfSyntaxError(1, 'no [Manufacturer] section');
  const models: InfModel[] = [];
  for (const e of mfg.entries) {
    const values = e.values.map((v) => substitute(v, strings).trim());
    const base = values[0];
    if (!base) throw new InfSyntaxError(e.line, '[Manufacturer] entry names no models section');
    const name = e.key !== undefined ? substitute(e.key, strings).trim() : base;
    const decorations = values.slice(1).filter((d) => d !== '');
    const wanted = ['', ...decorations];
    for (const decoration of wanted) {
      const platform = parseDecoration(decoration);
      const sectionName = decoration === '' ? base : `${base}.${decoration}`;
      const section = sections.get(sectionName.toLowerCase());
      if (!section) {
        if (decoration === '') continue;
        throw new InfSyntaxError(e.line, `models section [${sectionName}] named by [Manufacturer] does not exist`);
      }
      if (platform) models.push(...modelsOf(section, name, platform, strings));
    }
  }
  return models;
}

/** The catalog file for the platform (`CatalogFile.NTamd64`) or the undecorated one. */
function catalogFile(lookup: Lookup): string | undefined {
  return lookup('CatalogFile.NTamd64') ?? lookup('CatalogFile.NTarm64') ?? lookup('CatalogFile.NTx86') ?? lookup('CatalogFile.NT') ?? lookup('CatalogFile');
}

function parseVersion(sections: Map<string, InfSection>, strings: Map<string, string>) {
  const version = sections.get('version');
  if (!version) throw new InfSyntaxError(1, 'no [Version] section');
  const lookup = versionLookup(version, strings);
  const signature = lookup('Signature');
  if (!signature || !SIGNATURES.has(signature.toLowerCase())) {
    throw new InfSyntaxError(version.line, `[Version] Signature is '${signature ?? ''}', expected "$Windows NT$"`);
  }
  const driverVer = lookup('DriverVer');
  const line = version.entries.find((x) => x.key?.toLowerCase() === 'driverver')?.line ?? version.line;
  if (!driverVer) throw new InfSyntaxError(version.line, '[Version] has no DriverVer');
  const classGuid = lookup('ClassGuid');
  const cat = catalogFile(lookup);
  return {
    class: lookup('Class') ?? '', provider: lookup('Provider') ?? '', ...parseDriverVer(driverVer, line),
    ...(classGuid ? { classGuid } : {}), ...(cat ? { catalogFile: cat } : {}),
  };
}

/** Parses INF text; `file` only names the file in problems. */
export function parseInf(text: string, file: string): { inf?: ParsedInf; problem?: InfProblem } {
  try {
    const sections = parseInfSections(text);
    const strings = stringTable(sections);
    return { inf: { ...parseVersion(sections, strings), models: parseManufacturers(sections, strings) } };
  } catch (e) {
    if (e instanceof InfSyntaxError) return { problem: { file, line: e.line, message: e.message } };
    throw e;
  }
}
