/**
 * Copies the content of a multi-part media set into the run's state folder, part by part, checking every file
 * against the manifest (size and SHA-256). Part by part, so that one drive can take the discs in turn: a part is
 * asked for only after the previous one was copied. Files already copied (a resumed run) are kept.
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidInputError } from '../../engine/index.ts';
import { copyVerified, entryPath } from '../content/local-files.ts';
import { CONTENT_FOLDER, partOf, type ManifestFile } from './media-format.ts';
import type { OpenedMedia } from './open-media.ts';
import { filesByPart, missingPartsError, partProblem, type HaveFile, type PartPrompt } from './media-parts.ts';

/** Path of a manifest file under a folder holding one folder per package. */
export function contentPath(root: string, id: string, file: ManifestFile): string {
  return entryPath(join(root, id), file);
}

/** A file copied by an earlier start (its size matches; it was hashed when it was copied). */
export function stagedAlready(stagingDir: string): HaveFile {
  return (id, file) => {
    const p = contentPath(stagingDir, id, file);
    return existsSync(p) && statSync(p).size === file.size;
  };
}

async function folderOfPart(media: OpenedMedia, found: Map<number, string>, n: number, files: string[], ask: PartPrompt | undefined, say: (m: string) => void, have: HaveFile): Promise<string> {
  let problem: string | undefined;
  for (;;) {
    const known = found.get(n);
    if (known) return known;
    const answer = ask ? await ask({ number: n, count: media.header.part.count, files, problem }) : undefined;
    if (answer === undefined) throw missingPartsError(media, found, have)!;
    problem = partProblem(answer, media, n);
    if (problem) say(`Media part ${n}: ${problem}`);
    else found.set(n, answer);
  }
}

/**
 * Copies every content file of the set into `stagingDir/<ID>/<path>`.
 * @throws InvalidInputError naming the part and its files when a part cannot be found, or naming the file when it
 *   does not match the manifest
 */
export async function stageParts(media: OpenedMedia, found: Map<number, string>, stagingDir: string, ask: PartPrompt | undefined, say: (m: string) => void): Promise<void> {
  // Every package gets its folder, also one without files (the content port finds packages by folder).
  for (const m of media.policy.packages) mkdirSync(join(stagingDir, m.id), { recursive: true });
  const have = stagedAlready(stagingDir);
  const parts = [...filesByPart(media.policy, have)].sort(([a], [b]) => a - b);
  for (const [n, names] of parts) {
    const pending = media.policy.packages.flatMap((m) => m.files.filter((f) => partOf(f) === n && !have(m.id, f)).map((f) => ({ id: m.id, file: f })));
    const dir = await folderOfPart(media, found, n, names, ask, say, have);
    for (const { id, file } of pending) {
      const from = contentPath(join(dir, CONTENT_FOLDER), id, file);
      if (!existsSync(from) || !(await copyVerified(from, contentPath(stagingDir, id, file), file))) {
        const message = `part ${n}: ${CONTENT_FOLDER}/${id}/${file.path} is missing or does not match the manifest (size ${file.size}, SHA-256 ${file.sha256})`;
        throw new InvalidInputError(`${dir}: ${message}`, [{ severity: 'error', code: 'media-content', file: from, message }]);
      }
    }
    say(`Copied ${pending.length} file${pending.length === 1 ? '' : 's'} from media part ${n} of ${media.header.part.count}`);
  }
}

/**
 * For single-part media used in place: every content file is present with its size (hashing every byte at each start
 * would cost seconds per GiB; multi-part content is hashed as it is copied).
 * @throws InvalidInputError listing the files that are missing or have another size
 */
export function checkContentInPlace(media: OpenedMedia): void {
  const root = join(media.dir, CONTENT_FOLDER);
  const bad = media.policy.packages.flatMap((m) => m.files.filter((f) => {
    const p = contentPath(root, m.id, f);
    return !existsSync(p) || statSync(p).size !== f.size;
  }).map((f) => `${m.id}/${f.path}`));
  if (bad.length === 0) return;
  const message = `content files missing or changed: ${bad.slice(0, 10).join(', ')}${bad.length > 10 ? ` and ${bad.length - 10} more` : ''}`;
  throw new InvalidInputError(`${root}: ${message}`, [{ severity: 'error', code: 'media-content', file: root, message }]);
}
