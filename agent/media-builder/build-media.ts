/**
 * `taskseq media build`: checks the sequence as a run from this media would (the preflight with the media type and
 * the content), then writes a media folder (or a set of parts) holding the sequence, only the packages it needs with
 * their SHA-256 manifests, the policy and the header. Only the build command imports this; a run never does.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  findSequenceSecrets, InvalidInputError, requiredPackages, toJsonDocument, type Problem,
} from '../../engine/index.ts';
import { createFolderContent } from '../content/folder-content.ts';
import { prepareRun, type PreparedRun } from '../load/prepare-run.ts';
import { createOutputFolders } from '../output/output-folders.ts';
import { buildInto, emptyMediaFolder, type FinalFile } from './build-output.ts';
import { assignParts } from './build-parts.ts';
import { copyContent, listPackageFiles, type SourceFile } from './build-content.ts';
import { checkBuildRequest, type BuildRequest } from './build-request.ts';
import { CONTENT_FOLDER, type MediaFolderType, type MediaPolicy, type PackageManifest } from '../media/media-format.ts';
import { writeMediaFiles } from './build-media-files.ts';

export interface BuildReport {
  out: string;
  mediaType: MediaFolderType;
  /** Folders of the parts (one: the media itself). */
  parts: Array<{ dir: string; files: number; bytes: number }>;
  /** Package ids on the media. */
  packages: string[];
  protected: boolean;
  /** Warnings of the sequence and of the build (errors stop the build). */
  warnings: Problem[];
}

const bytesOf = (files: readonly SourceFile[]): number => files.reduce((n, f) => n + f.size, 0);

function prepare(req: BuildRequest, type: MediaFolderType): PreparedRun {
  const prepared = prepareRun({
    file: req.sequence, children: req.children, content: req.content, mediaType: type, checkContent: type === 'FullMedia',
    allowUnknownSteps: req.allowUnknownSteps, mode: 'run',
  });
  const child = prepared.program.instructions.find((i) => i.childPackageId);
  if (child) {
    const message = 'Run Task Sequence cannot run from media yet (a media carries one sequence): build from a sequence without child sequences';
    throw new InvalidInputError(`${req.sequence}: ${message}`, [{ severity: 'error', code: 'child-on-media', file: child.file, path: child.path, message }]);
  }
  return prepared;
}

/** Package folders to copy: every needed package for stand-alone media; what --content has for prestaged media. */
function packageFolders(req: BuildRequest, type: MediaFolderType, prepared: PreparedRun): Array<{ id: string; folder: string }> {
  if (type === 'BootMedia') return [];
  const content = createFolderContent(req.content);
  const needed = requiredPackages({ program: prepared.program, registry: prepared.registry, allowUnknownSteps: req.allowUnknownSteps });
  const missing = needed.filter((id) => !content.resolve(id));
  if (missing.length && req.sources.length === 0) {
    const message = `packages ${missing.join(', ')} are not in --content and there is no --source to take them from`;
    throw new InvalidInputError(message, [{ severity: 'error', code: 'missing-package', field: '--content', message }]);
  }
  return needed.filter((id) => content.resolve(id)).map((id) => ({ id: id.trim().toUpperCase(), folder: content.resolve(id)! }));
}

function buildWarnings(req: BuildRequest, type: MediaFolderType, prepared: PreparedRun): Problem[] {
  const note = (code: string, message: string): Problem => ({ severity: 'warning', code, message });
  const out = [...prepared.problems.filter((p) => p.severity === 'warning'), ...findSequenceSecrets(prepared.program)];
  if (req.password !== undefined && type !== 'BootMedia') out.push(note('content-not-encrypted', 'the password protects the sequence, its variables and the policy; the content packages on the media are not encrypted'));
  if (req.password === undefined && req.variables.some((v) => v.secret)) out.push(note('unprotected-secrets', 'secret media variables are stored in clear text on unprotected media: protect it with --password-file'));
  if (type === 'BootMedia' && req.content !== undefined) out.push(note('content-ignored', 'boot media carry no content: --content is ignored'));
  return out;
}

/** The sequence as it goes on the media: a plain `<sequence>` or MDT file as it is, any other form as JSON. */
function sequenceForMedia(req: BuildRequest, prepared: PreparedRun): { name: string; bytes: Uint8Array } {
  if (prepared.form === 'sequence' || prepared.form === 'mdt') return { name: 'sequence.xml', bytes: new Uint8Array(readFileSync(req.sequence)) };
  return { name: 'sequence.json', bytes: new Uint8Array(Buffer.from(toJsonDocument(prepared.document), 'utf8')) };
}

/**
 * Creates `out` when missing (a few levels at most), empties an old media there with `force`, and builds into it
 * through a staging subfolder; a failed build removes what it wrote and the folders it created, never `out` itself
 * when it was there before.
 */
function intoPlace(req: BuildRequest, build: (staging: string) => FinalFile[]): void {
  const created = createOutputFolders([{ option: '--out', path: req.out }]);
  try {
    if (req.force) emptyMediaFolder(req.out);
    buildInto(req.out, build);
  } catch (e) {
    created.undo();
    throw e;
  }
}

/**
 * Builds a media folder.
 * @throws InvalidInputError for bad options, an invalid sequence (every problem), a step the media type cannot run,
 *   a needed package missing from --content, a file larger than --part-size, or an --out folder that is not empty (a
 *   media needs `force`, anything else is refused); nothing is left behind then, and `out` itself is never removed
 */
export function buildMedia(req: BuildRequest): BuildReport {
  const type = checkBuildRequest(req);
  const prepared = prepare(req, type);
  const folders = packageFolders(req, type, prepared);
  const files = listPackageFiles(folders);
  const parts = assignParts(files.map((f) => ({ name: `${f.id}/${f.path}`, size: f.size })), req.partSize);
  const count = Math.max(1, ...parts);
  const multiPart = req.partSize !== undefined;
  const sequence = sequenceForMedia(req, prepared);
  let manifests: PackageManifest[] = [];
  intoPlace(req, (dir) => {
    const partName = (n: number): string => (multiPart ? `part${n}` : '');
    const partDir = (n: number): string => join(dir, partName(n));
    manifests = copyContent(files, parts, partDir, multiPart);
    for (const { id } of folders) if (!manifests.some((m) => m.id === id)) manifests.push({ id, files: [] });
    mkdirSync(join(partDir(1), CONTENT_FOLDER), { recursive: true });
    for (const m of manifests) mkdirSync(join(partDir(1), CONTENT_FOLDER, m.id), { recursive: true });
    const policy: MediaPolicy = {
      mediaType: type, sequence: { file: sequence.name, sha256: createHash('sha256').update(sequence.bytes).digest('hex') },
      variables: req.variables.map((v) => ({ name: v.name, value: v.value, ...(v.secret ? { secret: true } : {}) })),
      ...(req.validFrom ? { validFrom: req.validFrom } : {}), ...(req.validUntil ? { validUntil: req.validUntil } : {}),
      ...(req.prestart ? { prestart: { commandLine: req.prestart } } : {}),
      ...(req.sources.length ? { sources: req.sources } : {}), ...(req.caBundle ? { caBundle: 'ca.pem' } : {}),
      packages: manifests,
    };
    return writeMediaFiles({
      mediaType: type, created: req.now, setId: randomUUID(), partCount: count, policy, sequence: sequence.bytes,
      password: req.password, prestartFiles: req.prestartFiles, caBundle: req.caBundle,
    }, partDir, partName);
  });
  const partList = Array.from({ length: count }, (_, i) => {
    const on = files.filter((_, j) => parts[j] === i + 1);
    return { dir: multiPart ? join(req.out, `part${i + 1}`) : req.out, files: on.length, bytes: bytesOf(on) };
  });
  return { out: req.out, mediaType: type, parts: partList, packages: manifests.map((m) => m.id), protected: req.password !== undefined, warnings: buildWarnings(req, type, prepared) };
}
