/** Capturing a simulated volume's folder into a WIM with `wimlib-imagex capture|append`. */
import { copyFileSync, existsSync, mkdtempSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TaskseqError, type CaptureImageRequest } from '../../../../engine/index.ts';
import { readWim } from '../../../formats/wim/index.ts';
import { normalizeLetter } from '../disks/disk-state.ts';
import { prepareOutputPath, type ImagePath } from './image-path.ts';
import type { SimulatedImagingDeps } from './imaging-deps.ts';
import { renderBytes } from './size-text.ts';
import { renderCaptureArgs } from '../../../renderers/linux/wimlib-command.ts';
import { runChecked, type WimlibRunner } from './wimlib-runner.ts';

function sourceRoot(deps: SimulatedImagingDeps, source: string): string {
  const letter = normalizeLetter(source);
  if (letter === undefined) throw new TaskseqError('invalid-input', `capture source '${source}' is not a drive letter`);
  const info = deps.volumeInfo(letter);
  const root = deps.volumeRoot(letter);
  if (!info || root === undefined) {
    throw new TaskseqError('unsupported', `cannot capture: no volume ${letter} on this machine`);
  }
  if (info.fileSystem === 'RAW') {
    throw new TaskseqError('unsupported', `cannot capture volume ${letter} because it is not formatted (RAW)`);
  }
  return root;
}

function checkAppend(request: CaptureImageRequest, host: string): void {
  if (!existsSync(host)) {
    throw new TaskseqError('unsupported', `cannot append to ${request.path}: the file does not exist`);
  }
  const clash = readWim(host).images.find((i) => i.name.toLowerCase() === request.name.toLowerCase());
  if (clash) {
    throw new TaskseqError('unsupported',
      `cannot append to ${request.path}: it already holds an image named "${clash.name}" (index ${clash.index})`);
  }
}

const sizeOf = (path: string) => (existsSync(path) ? statSync(path).size : 0);

function moveFile(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    copyFileSync(from, to);
  }
}

/**
 * A WIM on a simulated volume is built in a scratch folder off the volumes (the source may be that very volume) and
 * moved there only when the volume has room for it, so a refused capture leaves the volume as it was.
 */
function captureOntoVolume(
  deps: SimulatedImagingDeps, out: ImagePath, build: (wim: string) => void, request: CaptureImageRequest,
): void {
  const scratch = mkdtempSync(join(tmpdir(), 'taskseq-capture-'));
  try {
    const work = join(scratch, 'image.wim');
    if (request.mode === 'append') copyFileSync(out.host, work);
    build(work);
    const info = deps.volumeInfo(out.letter!)!;
    const free = info.sizeBytes - info.usedBytes + sizeOf(out.host);
    if (sizeOf(work) > free) {
      throw new TaskseqError('unsupported', `cannot write ${request.path}: the WIM needs ${renderBytes(sizeOf(work))}, `
        + `volume ${out.letter} has ${renderBytes(Math.max(0, free))} free`);
    }
    moveFile(work, out.host);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * Captures the source volume into `request.path` (`create` replaces an existing file, `append` adds an image and
 * refuses a name already in the file). Progress is 0 % when the capture starts and 100 % when it has ended. Returns
 * the new image's index.
 * @throws TaskseqError('unsupported') for a missing or RAW source, a missing file to append to, a destination volume
 *   without room, or a failed capture
 */
export function captureImage(
  deps: SimulatedImagingDeps, run: WimlibRunner, request: CaptureImageRequest,
): { index: number } {
  const sourceDir = sourceRoot(deps, request.source);
  const out = prepareOutputPath(request.path, deps);
  if (request.mode === 'append') checkAppend(request, out.host);
  // As for an apply: the tool's output is read once it has ended, so progress is its start and its end.
  request.onProgress?.({ percent: 0 });
  const build = (wim: string) => {
    const args = renderCaptureArgs({ ...request, sourceDir, wim, checkIntegrity: request.checkIntegrity ?? false });
    runChecked(run, args, `volume ${normalizeLetter(request.source)} into ${request.path}`);
  };
  if (out.letter !== undefined) captureOntoVolume(deps, out, build, request);
  else build(out.host);
  request.onProgress?.({ percent: 100 });
  return { index: readWim(out.host).images.length };
}
