/**
 * Parses and checks the media header and policy. Everything read from a media is checked before it is used: types,
 * media type names, part numbers, ISO-8601 times, source URLs and every manifest path.
 */
import { InvalidInputError, type Problem } from '../../engine/index.ts';
import { protectionProblem } from './media-crypto.ts';
import {
  MEDIA_FOLDER_TYPES, type KdfParameters, type ManifestFile, type MediaHeader, type MediaPolicy, type PackageManifest,
} from './media-format.ts';

type Report = (field: string, message: string) => void;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 1;

/** Why a manifest path is refused, or undefined for a plain relative path inside its package. */
export function manifestPathProblem(path: string): string | undefined {
  if (path === '' || path.includes('\\') || path.startsWith('/') || /^[A-Za-z]:/.test(path) || path.includes(':')) {
    return 'must be a relative "/"-separated path without a drive letter';
  }
  if (/[\u0000-\u001f]/.test(path)) return 'holds a control character';
  if (path.split('/').some((s) => s === '' || s === '.' || s === '..')) return 'has an empty, "." or ".." segment';
  return undefined;
}

/** True for an ISO-8601 date (`2026-05-01`) or date-time with `Z` or an offset. */
export function isIsoTime(text: unknown): text is string {
  return typeof text === 'string' && /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/.test(text) && !Number.isNaN(Date.parse(text));
}

/** Why a deployment source URL is refused, or undefined. */
export function sourceUrlProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'is not a URL';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return 'must be http:// or https://';
  if (url.endsWith('/')) return 'must not end with "/"';
  if (parsed.username || parsed.password) return 'must not carry a user name or password';
  return undefined;
}

function collect(where: string, what: string, check: (report: Report) => void): void {
  const problems: Problem[] = [];
  check((field, message) => problems.push({ severity: 'error', code: 'invalid-media', file: where, field, message }));
  if (problems.length) throw new InvalidInputError(`${where}: not a valid ${what}: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`, problems);
}

function parseJson(bytes: Uint8Array, where: string, what: string): unknown {
  try {
    return JSON.parse(Buffer.from(bytes).toString('utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new InvalidInputError(`${where}: not a valid ${what}: ${(e as Error).message}`, [{ severity: 'error', code: 'invalid-media', file: where, message: `not JSON: ${(e as Error).message}` }]);
  }
}

function checkProtection(p: unknown, report: Report): void {
  if (p === null) return;
  if (!isObject(p)) return report('protection', 'must be null or an object');
  const bad = protectionProblem(p as unknown as KdfParameters);
  if (bad) report('protection', bad);
}

/**
 * Parses `taskseq-media.json`.
 * @throws InvalidInputError naming the file and every bad field
 */
export function parseHeader(bytes: Uint8Array, where: string): MediaHeader {
  const h = parseJson(bytes, where, 'taskseq media header');
  collect(where, 'taskseq media header', (report) => {
    if (!isObject(h)) return report('/', 'must be an object');
    if (h.format !== 'taskseq-media') report('format', 'must be "taskseq-media"');
    if (h.version !== 1) report('version', `must be 1 (this taskseq reads version 1; got ${JSON.stringify(h.version)})`);
    if (!MEDIA_FOLDER_TYPES.includes(h.mediaType as never)) report('mediaType', `must be one of ${MEDIA_FOLDER_TYPES.join(', ')}`);
    if (!isIsoTime(h.created)) report('created', 'must be an ISO-8601 time');
    const part = h.part as Record<string, unknown> | undefined;
    if (!isObject(part) || !isCount(part.number) || !isCount(part.count) || (part.number as number) > (part.count as number) || typeof part.setId !== 'string' || !part.setId) {
      report('part', 'must be { number, count, setId } with 1 <= number <= count');
    }
    checkProtection(h.protection, report);
  });
  return h as MediaHeader;
}

function checkFile(f: unknown, at: string, report: Report): void {
  if (!isObject(f)) return report(at, 'must be an object');
  const bad = typeof f.path === 'string' ? manifestPathProblem(f.path) : 'must be a string';
  if (bad) report(`${at}/path`, `"${String(f.path)}" ${bad}`);
  if (!Number.isSafeInteger(f.size) || (f.size as number) < 0) report(`${at}/size`, 'must be a byte count');
  if (typeof f.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(f.sha256)) report(`${at}/sha256`, 'must be 64 lowercase hex digits');
  if (f.part !== undefined && !isCount(f.part)) report(`${at}/part`, 'must be a part number from 1');
}

function checkPackages(list: unknown, report: Report): void {
  if (!Array.isArray(list)) return report('packages', 'must be an array');
  const ids = new Set<string>();
  list.forEach((m: unknown, i) => {
    if (!isObject(m) || typeof m.id !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(m.id) || !Array.isArray(m.files)) return report(`packages/${i}`, 'must be { id, files[] } with a plain package id');
    if (ids.has(m.id.toUpperCase())) report(`packages/${i}/id`, `package ${m.id} is listed twice`);
    ids.add(m.id.toUpperCase());
    const seen = new Set<string>();
    (m.files as unknown[]).forEach((f, j) => {
      checkFile(f, `packages/${i}/files/${j}`, report);
      const key = String((f as ManifestFile)?.path).toLowerCase();
      if (seen.has(key)) report(`packages/${i}/files/${j}/path`, `"${(f as ManifestFile).path}" is listed twice`);
      seen.add(key);
    });
  });
}

function checkVariables(list: unknown, report: Report): void {
  if (!Array.isArray(list)) return report('variables', 'must be an array');
  list.forEach((v: unknown, i) => {
    if (!isObject(v) || typeof v.name !== 'string' || typeof v.value !== 'string' || (v.secret !== undefined && typeof v.secret !== 'boolean')) {
      report(`variables/${i}`, 'must be { name, value, secret? }');
    }
  });
}

function checkOptional(p: Record<string, unknown>, report: Report): void {
  for (const f of ['validFrom', 'validUntil'] as const) if (p[f] !== undefined && !isIsoTime(p[f])) report(f, 'must be an ISO-8601 time with a zone (or a date)');
  const prestart = p.prestart as Record<string, unknown> | undefined;
  if (prestart !== undefined && (!isObject(prestart) || typeof prestart.commandLine !== 'string' || !prestart.commandLine.trim())) report('prestart', 'must be { commandLine }');
  if (p.sources !== undefined && (!Array.isArray(p.sources) || p.sources.some((s) => typeof s !== 'string' || sourceUrlProblem(s)))) report('sources', 'must be http(s) base URLs without a trailing "/"');
  if (p.caBundle !== undefined && (typeof p.caBundle !== 'string' || manifestPathProblem(p.caBundle) || p.caBundle.includes('/'))) report('caBundle', 'must be a file name on the media');
}

/**
 * Parses the media policy (`policy.json`, or the clear text of `policy.enc`).
 * @throws InvalidInputError naming the file and every bad field
 */
export function parsePolicy(bytes: Uint8Array, where: string): MediaPolicy {
  const p = parseJson(bytes, where, 'media policy');
  collect(where, 'media policy', (report) => {
    if (!isObject(p)) return report('/', 'must be an object');
    if (!MEDIA_FOLDER_TYPES.includes(p.mediaType as never)) report('mediaType', `must be one of ${MEDIA_FOLDER_TYPES.join(', ')}`);
    const seq = p.sequence as Record<string, unknown> | undefined;
    if (!isObject(seq) || !/^sequence\.(xml|json)$/.test(String(seq.file)) || !/^[0-9a-f]{64}$/.test(String(seq.sha256))) {
      report('sequence', 'must be { file: "sequence.xml" | "sequence.json", sha256 }');
    }
    checkVariables(p.variables, report);
    checkPackages(p.packages, report);
    checkOptional(p, report);
  });
  return p as MediaPolicy;
}

/** Package ids are matched case-insensitively. */
export function findManifest(packages: readonly PackageManifest[], id: string): PackageManifest | undefined {
  const key = id.trim().toUpperCase();
  return packages.find((m) => m.id.toUpperCase() === key);
}
