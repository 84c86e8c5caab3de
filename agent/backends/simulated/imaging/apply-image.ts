/** Applying an image of a WIM (or split set) to a simulated volume's folder with `wimlib-imagex apply`. */
import { mkdirSync } from 'node:fs';
import {
  TaskseqError, type ApplyImageRequest, type ImageFacts, type WimFacts,
} from '../../../../engine/index.ts';
import { findImage, readWim } from '../../../formats/wim/index.ts';
import { normalizeLetter } from '../disks/disk-state.ts';
import { resolveImagePath } from './image-path.ts';
import type { SimulatedImagingDeps } from './imaging-deps.ts';
import { renderBytes } from './size-text.ts';
import { renderApplyArgs } from '../../../renderers/linux/wimlib-command.ts';
import { runChecked, type WimlibRunner } from './wimlib-runner.ts';

function imageLabel(image: ImageFacts): string {
  return `image ${image.index} (${image.name})`;
}

/** The target's host folder, after every check that can refuse; nothing is touched before this returns. */
function checkTarget(deps: SimulatedImagingDeps, target: string, image: ImageFacts): string {
  const letter = normalizeLetter(target);
  if (letter === undefined) throw new TaskseqError('invalid-input', `apply target '${target}' is not a drive letter`);
  const info = deps.volumeInfo(letter);
  const root = deps.volumeRoot(letter);
  if (!info || root === undefined) {
    throw new TaskseqError('unsupported', `cannot apply ${imageLabel(image)}: no volume ${letter} on this machine`);
  }
  if (info.fileSystem === 'RAW') {
    throw new TaskseqError('unsupported',
      `cannot apply ${imageLabel(image)}: volume ${letter} is not formatted (RAW); format it first`);
  }
  const free = Math.max(0, info.sizeBytes - info.usedBytes);
  if (image.totalBytes > free) {
    throw new TaskseqError('unsupported',
      `${imageLabel(image)} needs ${renderBytes(image.totalBytes)}, volume ${letter} has ${renderBytes(free)} free`);
  }
  return root;
}

function checkCompression(facts: WimFacts): void {
  if (facts.compression === 'lzms') {
    throw new TaskseqError('unsupported',
      `${facts.path}: this backend cannot apply LZMS (ESD) images; export them to a WIM first`);
  }
}

/**
 * Applies `request.index` of the WIM to the target volume's folder. Checks, in order: the image exists, it is not
 * LZMS, the volume exists, is formatted and has room for the image's TOTALBYTES; a refusal touches nothing.
 * Files already on the volume stay (the step wipes first). Progress is 0 % when the extraction starts and 100 % when
 * it has ended. Returns the image's file count and bytes.
 * @throws InvalidInputError for an unreadable WIM or an index out of range (listing the images);
 *   TaskseqError('unsupported') for the refusals above or a failed extraction
 */
export function applyImage(
  deps: SimulatedImagingDeps, run: WimlibRunner, request: ApplyImageRequest,
): { files: number; bytes: number } {
  const wim = resolveImagePath(request.path, deps).host;
  const facts = readWim(wim);
  const image = findImage(facts, request.index);
  checkCompression(facts);
  const root = checkTarget(deps, request.target, image);
  mkdirSync(root, { recursive: true });
  const args = renderApplyArgs({
    wim, index: image.index, targetDir: root, parts: facts.parts, checkIntegrity: request.checkIntegrity ?? false,
  });
  // The tool runs to its end before its output can be read, so the start and the end are all there is to report.
  const total = image.totalBytes;
  request.onProgress?.({ percent: 0, bytesDone: 0, bytesTotal: total });
  runChecked(run, args, `${imageLabel(image)} of ${request.path}`);
  request.onProgress?.({ percent: 100, bytesDone: total, bytesTotal: total });
  return { files: image.fileCount, bytes: total };
}
