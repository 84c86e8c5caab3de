/**
 * Multi-part media: finding the other parts of a set (folders given with --media-path, or asked for on a terminal)
 * and naming what is missing. Part 1 is the folder given with --media.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidInputError } from '../../engine/index.ts';
import { HEADER_FILE, partOf, type ManifestFile, type MediaPolicy } from './media-format.ts';
import type { OpenedMedia } from './open-media.ts';
import { parseHeader } from './read-media-documents.ts';

/**
 * Asks where part `number` is (e.g. after inserting the next disc); undefined = the user gave up. `problem` says why
 * the previous answer was refused.
 */
export type PartPrompt = (request: { number: number; count: number; files: string[]; problem?: string }) => Promise<string | undefined>;

/** A content file already at hand (copied by an earlier start of the same run). */
export type HaveFile = (id: string, file: ManifestFile) => boolean;

/** Content files on each part, as `ID/path`, by part number; files `have` accepts are left out. */
export function filesByPart(policy: MediaPolicy, have: HaveFile = () => false): Map<number, string[]> {
  const parts = new Map<number, string[]>();
  for (const m of policy.packages) {
    for (const f of m.files) if (!have(m.id, f)) parts.set(partOf(f), [...(parts.get(partOf(f)) ?? []), `${m.id}/${f.path}`]);
  }
  return parts;
}

/** Why `dir` is not part `number` of the set, or undefined when it is. */
export function partProblem(dir: string, media: OpenedMedia, number: number): string | undefined {
  const file = join(dir, HEADER_FILE);
  if (!existsSync(file)) return `${dir} is not a taskseq media folder (no ${HEADER_FILE})`;
  let header;
  try {
    header = parseHeader(readFileSync(file), file);
  } catch (e) {
    return (e as Error).message;
  }
  if (header.part.setId !== media.header.part.setId) return `${dir} belongs to another media set (${header.part.setId})`;
  if (header.part.number !== number) return `${dir} is part ${header.part.number}, not part ${number}`;
  return undefined;
}

/**
 * The folders of the parts found among `paths`, by part number (part 1 is the media itself).
 * @throws InvalidInputError when a path is not a part of this set
 */
export function locateParts(media: OpenedMedia, paths: readonly string[]): Map<number, string> {
  const found = new Map<number, string>([[1, media.dir]]);
  for (const dir of paths) {
    const file = join(dir, HEADER_FILE);
    const header = existsSync(file) ? parseHeader(readFileSync(file), file) : undefined;
    const bad = header ? partProblem(dir, media, header.part.number) : `${dir} is not a taskseq media folder (no ${HEADER_FILE})`;
    if (bad) throw new InvalidInputError(`--media-path ${bad}`, [{ severity: 'error', code: 'invalid-media', field: '--media-path', file: dir, message: bad }]);
    found.set(header!.part.number, dir);
  }
  return found;
}

function listed(files: string[]): string {
  const shown = files.slice(0, 10).join(', ');
  return files.length > 10 ? `${shown} and ${files.length - 10} more` : shown;
}

/**
 * The error for parts that hold content but were not found, naming each part and its files.
 * @returns undefined when nothing is missing
 */
export function missingPartsError(media: OpenedMedia, found: ReadonlyMap<number, string>, have?: HaveFile): InvalidInputError | undefined {
  const count = media.header.part.count;
  const missing = [...filesByPart(media.policy, have)].filter(([n]) => !found.has(n)).sort(([a], [b]) => a - b);
  if (missing.length === 0) return undefined;
  const problems = missing.map(([n, files]) => ({
    severity: 'error' as const, code: 'media-part-missing', field: '--media-path',
    message: `part ${n} of ${count} of media set ${media.header.part.setId} is missing; it holds ${listed(files)}`,
  }));
  return new InvalidInputError(`${problems.map((p) => p.message).join('; ')}; give each part's folder with --media-path DIR (or run on a terminal to be asked for it)`, problems);
}
