/**
 * Copies the content of a multi-part media set into the run's state folder, part by part, checking every file
 * against the manifest (size and SHA-256). Part by part, so that one drive can take the discs in turn: a part is
 * asked for only after the previous one was copied. Files already copied (a resumed run) are kept when they still match.
 * Single-part media are checked in place.
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidInputError, type Problem } from '../../engine/index.ts';
import { checkLocalFile, copyVerified, entryPath, type LocalCheck } from '../content/local-files.ts';
import { CONTENT_FOLDER, partOf, type ManifestFile, type MediaPolicy } from './media-format.ts';
import type { OpenedMedia } from './open-media.ts';
import { filesByPart, missingPartsError, partProblem, type HaveFile, type PartPrompt } from './media-parts.ts';

/** Path of a manifest file under a folder holding one folder per package. */
export function contentPath(root: string, id: string, file: ManifestFile): string {
  return entryPath(join(root, id), file);
}

/** Files of the staging folder already checked in this process, by path: true when they match their manifest. */
export type StagedChecks = Map<string, boolean>;

/**
 * Which content files an earlier start copied already. Each is hashed again (once per process, `checked` remembers):
 * the staging folder is ours, but the steps use these bytes, and the manifest in the policy is what vouches for them.
 */
export async function stagedAlready(stagingDir: string, policy: MediaPolicy, checked: StagedChecks = new Map()): Promise<HaveFile> {
  for (const m of policy.packages) {
    for (const f of m.files) {
      const p = contentPath(stagingDir, m.id, f);
      if (!checked.has(p)) checked.set(p, (await checkLocalFile(p, f)) === 'ok');
    }
  }
  return (id, file) => checked.get(contentPath(stagingDir, id, file)) === true;
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
export async function stageParts(media: OpenedMedia, found: Map<number, string>, stagingDir: string, ask: PartPrompt | undefined, say: (m: string) => void,
  checked?: StagedChecks): Promise<void> {
  // Every package gets its folder, also one without files (the content port finds packages by folder).
  for (const m of media.policy.packages) mkdirSync(join(stagingDir, m.id), { recursive: true });
  const have = await stagedAlready(stagingDir, media.policy, checked);
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
 * For single-part media used in place: every content file is present with its size and, when `hash` is set, its
 * SHA-256 from the policy's manifest (on protected media the policy is authenticated, so the file cannot be swapped
 * together with its manifest). Hashing costs about 1 s per 300 MiB at each start; media whose content the resolver
 * stages from deployment sources skip it here, because the resolver hashes each file itself.
 * @throws InvalidInputError naming each file that is missing or changed (code `media-content`)
 */
export async function checkContentInPlace(media: OpenedMedia, hash: boolean): Promise<void> {
  const root = join(media.dir, CONTENT_FOLDER);
  const problems: Problem[] = [];
  for (const m of media.policy.packages) {
    for (const f of m.files) {
      const p = contentPath(root, m.id, f);
      const found = hash ? await checkLocalFile(p, f) : !existsSync(p) ? 'missing' : statSync(p).size !== f.size ? 'size' : 'ok';
      if (found !== 'ok') problems.push({ severity: 'error', code: 'media-content', file: p, message: `${CONTENT_FOLDER}/${m.id}/${f.path} ${WHY[found]}` });
    }
  }
  if (problems.length === 0) return;
  const shown = problems.slice(0, 10).map((p) => p.file).join(', ');
  const more = problems.length > 10 ? ` and ${problems.length - 10} more` : '';
  throw new InvalidInputError(`${root}: content files missing or changed after the media was built: ${shown}${more}; nothing was run`, problems);
}

const WHY: Record<Exclude<LocalCheck, 'ok'>, string> = {
  missing: 'is missing',
  size: "does not have the size in the media's manifest: it was changed after the media was built",
  hash: "does not match the SHA-256 in the media's manifest: it was changed after the media was built",
};
