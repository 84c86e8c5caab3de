/** What `taskseq media build` is asked to do, and the checks on it that need no sequence. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { InvalidInputError, type Problem } from '../../engine/index.ts';
import { BUILD_TYPES, type MediaFolderType, type MediaVariable } from '../media/media-format.ts';
import { isIsoTime, sourceUrlProblem } from '../media/read-media-documents.ts';
import { outFolderProblems } from './build-output.ts';

export interface BuildRequest {
  /** The task sequence file (any form `taskseq run` reads). */
  sequence: string;
  /** Package content, one folder per package id. */
  content?: string;
  children?: string;
  /** The media folder to write into: missing, empty, or (with `force`) holding a media to replace. */
  out: string;
  /** Replace the media already in `out` (its contents; the folder is kept). A folder holding anything else is refused. */
  force?: boolean;
  /** `standalone` (FullMedia), `boot` (BootMedia) or `prestaged` (OEMMedia). */
  type: string;
  /** Protects the media when given. Never logged. */
  password?: string;
  validFrom?: string;
  validUntil?: string;
  variables: MediaVariable[];
  prestart?: string;
  prestartFiles?: string;
  /** Deployment source base URLs (boot and prestaged media). */
  sources: string[];
  caBundle?: string;
  /** Content bytes per part; splits a stand-alone media into `part1`, `part2`, ... */
  partSize?: number;
  allowUnknownSteps: boolean;
  /** The build time written into the header. */
  now: Date;
}

function bad(field: string, message: string): Problem {
  return { severity: 'error', code: 'bad-option', field, message: `${field} ${message}` };
}

function timeProblems(req: BuildRequest): Problem[] {
  const out: Problem[] = [];
  for (const [field, value] of [['--valid-from', req.validFrom], ['--valid-until', req.validUntil]] as const) {
    if (value !== undefined && !isIsoTime(value)) out.push(bad(field, `must be an ISO-8601 date (2026-05-01) or time with a zone (2026-05-01T08:00:00Z), got "${value}"`));
  }
  if (out.length === 0 && req.validFrom && req.validUntil && Date.parse(req.validFrom) >= Date.parse(req.validUntil)) {
    out.push(bad('--valid-until', 'must be later than --valid-from'));
  }
  return out;
}

function sourceProblems(req: BuildRequest, type: MediaFolderType): Problem[] {
  const out = req.sources.flatMap((s) => {
    const why = sourceUrlProblem(s);
    return why ? [bad('--source', `"${s}" ${why}`)] : [];
  });
  if (type === 'BootMedia' && req.sources.length === 0) out.push(bad('--source', 'is required for boot media: the sequence\'s content comes from a deployment source'));
  if (type === 'FullMedia' && req.sources.length > 0) out.push(bad('--source', 'is for boot and prestaged media: stand-alone media carry all their content'));
  if (req.caBundle !== undefined) {
    const text = existsSync(req.caBundle) && statSync(req.caBundle).isFile() ? readFileSync(req.caBundle, 'utf8') : '';
    if (!text.includes('-----BEGIN CERTIFICATE-----')) out.push(bad('--ca-bundle', `${req.caBundle} is not a PEM file of certificates`));
  }
  return out;
}

function otherProblems(req: BuildRequest, type: MediaFolderType): Problem[] {
  const out: Problem[] = [];
  if (req.partSize !== undefined && type !== 'FullMedia') out.push(bad('--part-size', 'splits stand-alone media only'));
  if (req.partSize !== undefined && (!Number.isSafeInteger(req.partSize) || req.partSize < 1)) out.push(bad('--part-size', 'must be a number of bytes from 1'));
  if (req.prestartFiles !== undefined && req.prestart === undefined) out.push(bad('--prestart-files', 'needs --prestart CMD'));
  if (req.prestartFiles !== undefined && !(existsSync(req.prestartFiles) && statSync(req.prestartFiles).isDirectory())) out.push(bad('--prestart-files', `${req.prestartFiles} is not a folder`));
  if (req.prestart !== undefined && req.prestart.trim() === '') out.push(bad('--prestart', 'must not be empty'));
  out.push(...outFolderProblems(req.out, req.force === true));
  if (req.password === '') out.push(bad('--password-file', 'holds an empty password'));
  return out;
}

/**
 * The media type of a request whose options are usable.
 * @throws InvalidInputError listing every problem with the options
 */
export function checkBuildRequest(req: BuildRequest): MediaFolderType {
  const type = BUILD_TYPES[req.type];
  if (!type) throw new InvalidInputError(`--type must be standalone, boot or prestaged (got "${req.type}")`, [bad('--type', 'must be standalone, boot or prestaged')]);
  const problems = [...timeProblems(req), ...sourceProblems(req, type), ...otherProblems(req, type)];
  if (problems.length) throw new InvalidInputError(`taskseq media build: ${problems.map((p) => p.message).join('; ')}`, problems);
  return type;
}
