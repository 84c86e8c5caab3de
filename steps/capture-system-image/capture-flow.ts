/**
 * Capture Operating System Image's work: read the options, choose the volumes, make sure the OS volume is among them
 * and the destination is not (or is on a network share the run reaches), then capture one image per volume (the first creates the file, the rest append).
 * Every refusal before the first capture leaves the machine untouched and comes back as a step result; a refused
 * capture goes on to the engine with its exit code.
 */
import { TaskseqError, withDetail } from '../../engine/step-api.ts';
import type { StepContext, StepResult } from '../../engine/step-api.ts';
import { formatSize } from '../shared/image/format-size.ts';
import { EXIT_INVALID_PARAMETER } from '../../engine/step-api.ts';
import { readOption, readVariableExpansion } from '../shared/option-value.ts';
import { letteredVolumes, planCaptureVolumes, renderImageName, type CapturePlan, type CaptureVolume } from './capture-volumes.ts';
import { CAPTURE_OPTION_VARIABLES, parseCaptureOptions, type CaptureOptions } from './parse-options.ts';

/** The folder whose presence marks the OS volume when `OSDTargetSystemRoot` is not set. */
export const OS_MARKER = 'Windows\\System32';

export interface PreparedCapture {
  options: CaptureOptions;
  volumes: CaptureVolume[];
  osLetter: string;
}

const fail = (exitCode: number, message: string): StepResult => ({ exitCode, message });

/**
 * A refused capture, told how many images were already written; its exit code stays the port's (a full destination
 * is ERROR_DISK_FULL, see engine/ports/port-refusals.ts). Anything not ours is rethrown as it is.
 */
export function captureFailure(e: unknown, done: number, options: CaptureOptions): never {
  if (!(e instanceof TaskseqError)) throw e;
  throw withDetail(e, done > 0 ? ` (${done} image${done === 1 ? '' : 's'} already written to ${options.destination.path})` : '');
}

function readCaptureOptions(ctx: StepContext) {
  const variables: Record<string, string> = CAPTURE_OPTION_VARIABLES;
  return parseCaptureOptions((p) => readOption(ctx, p, variables[p]), undefined, ctx.ports.imaging.connectedShares());
}

/** The OS volume's letter, or why it cannot be captured. */
export function findOsVolume(ctx: StepContext, plan: CapturePlan): string | StepResult {
  const root = readVariableExpansion(ctx, 'OSDTargetSystemRoot')?.text.trim();
  const captured = plan.volumes.map((v) => v.letter);
  if (root) {
    const m = /^([A-Za-z]):(\\|$)/.exec(root);
    if (!m) return fail(EXIT_INVALID_PARAMETER, `OSDTargetSystemRoot is "${root}"; expected a Windows folder such as C:\\Windows`);
    const letter = `${m[1].toUpperCase()}:`;
    if (captured.includes(letter)) return letter;
    const skipped = plan.skipped.find((s) => s.letter === letter);
    const why = skipped ? `it is skipped: ${skipped.reason}` : 'there is no such volume';
    return fail(EXIT_INVALID_PARAMETER, `the OS volume ${letter} (from OSDTargetSystemRoot ${root}) cannot be captured: ${why}`);
  }
  const found = plan.volumes.find((v) => ctx.ports.volumes.exists(v.letter, OS_MARKER));
  if (found) return found.letter;
  return fail(EXIT_INVALID_PARAMETER, `no volume to capture holds ${OS_MARKER} (looked at ${captured.join(', ') || 'none'}); the OS volume must be on a fixed disk with a drive letter`);
}

function logPlan(ctx: StepContext, plan: CapturePlan): void {
  for (const s of plan.skipped) ctx.log.info(`Skipping ${s.describe}: ${s.reason}`);
  const list = plan.volumes.map((v) => `${v.letter} (disk ${v.disk} partition ${v.partition}, ${v.fileSystem})`).join(', ');
  ctx.log.info(`Volumes to capture: ${list || 'none'}`);
}

function checkDestination(ctx: StepContext, options: CaptureOptions, plan: CapturePlan, all: readonly string[]): StepResult | undefined {
  const { destination } = options;
  if ('share' in destination) {
    // Reached (parseCaptureOptions refused a share the run has not connected); it is no volume being captured.
    ctx.log.info(`Capture destination: ${destination.path} (on the network share ${destination.share})`);
    if (options.account) ctx.log.info(`CaptureAccount ${options.account} is not used: the run reaches ${destination.share} as it was connected before the run`);
    return undefined;
  }
  const { letter, path } = destination;
  if (plan.volumes.some((v) => v.letter === letter)) {
    return fail(EXIT_INVALID_PARAMETER, `the capture destination ${path} (option CaptureDestination) is on a volume being captured; write it to a volume that is not captured, such as a USB disk`);
  }
  if (!all.includes(letter)) {
    return fail(EXIT_INVALID_PARAMETER, `the capture destination ${path} (option CaptureDestination) is on ${letter}, which is not a volume on this machine; volumes: ${all.join(', ') || 'none'}`);
  }
  ctx.log.info(`Capture destination: ${path}`);
  if (options.account) ctx.log.info(`CaptureAccount ${options.account} is not needed for a local destination; not used`);
  return undefined;
}

/** Everything before the first capture. Returns the failed result on the first refusal; nothing has changed then. */
export function prepareCapture(ctx: StepContext): PreparedCapture | StepResult {
  const parsed = readCaptureOptions(ctx);
  if (!parsed.options) return fail(EXIT_INVALID_PARAMETER, parsed.problems.find((p) => p.severity === 'error')?.message ?? 'the options cannot be read');
  const disks = ctx.ports.disks.list();
  const plan = planCaptureVolumes(disks);
  logPlan(ctx, plan);
  if (plan.volumes.length === 0) return fail(EXIT_INVALID_PARAMETER, 'there is no NTFS or FAT32 volume with a drive letter on a fixed disk to capture');
  const osLetter = findOsVolume(ctx, plan);
  if (typeof osLetter !== 'string') return osLetter;
  ctx.log.info(`OS volume: ${osLetter}`);
  const refused = checkDestination(ctx, parsed.options, plan, letteredVolumes(disks));
  return refused ?? { options: parsed.options, volumes: plan.volumes, osLetter };
}

/** Captures each volume in order: the first image replaces the destination file, the others are appended. */
export async function captureAll(ctx: StepContext, prepared: PreparedCapture): Promise<StepResult> {
  const { options, volumes } = prepared;
  const { path } = options.destination;
  for (const [i, volume] of volumes.entries()) {
    const name = renderImageName(volume);
    try {
      const { index } = await ctx.ports.imaging.capture({
        source: volume.letter, path, mode: i === 0 ? 'create' : 'append', name, ...(options.version ? { version: options.version } : {}),
        ...(options.description ? { description: options.description } : {}),
        ...(options.creator ? { creator: options.creator } : {}),
        onProgress: (p) => ctx.progress({ activity: `Capturing ${volume.letter} (disk ${volume.disk} partition ${volume.partition})`, ...p }),
      });
      ctx.log.info(`Captured ${volume.letter} (disk ${volume.disk} partition ${volume.partition}, ${formatSize(volume.usedBytes)} used) into ${path} as image ${index} "${name}"`);
    } catch (e) {
      captureFailure(e, i, options);
    }
  }
  ctx.log.info(`Captured ${volumes.length} image${volumes.length === 1 ? '' : 's'} into ${path}`);
  return { exitCode: 0 };
}
