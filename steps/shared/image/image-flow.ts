/**
 * The part Apply Operating System Image and Apply Data Image share: parse, resolve the destination and the image,
 * refuse what cannot work (before anything is wiped), then wipe and apply. The step's own refusals come back as step
 * results; a port's refusal goes on to the engine, which reports its exit code.
 */
import type { ImageFacts, StepContext, StepResult, WimFacts } from '../../../engine/step-api.ts';
import { EXIT_CONTENT_NOT_FOUND, EXIT_DISK_FULL, EXIT_INVALID_PARAMETER, EXIT_NOT_SUPPORTED } from '../../../engine/step-api.ts';
import { readOption } from '../option-value.ts';
import { parseApplyImageOptions, type ApplyImageOptions, type ImageStepKind } from './apply-image-options.ts';
import { APPLIED_TARGETS_VARIABLE, parseTargets, resolveDestination, type ResolvedDestination } from './destination.ts';
import { formatSize } from './format-size.ts';
import { checkArchitecture, checkSize, findImageFacts } from './image-checks.ts';
import { locateWim, type LocatedWim } from './image-source.ts';
import { protectedFolders, storeWipeProblem } from './wipe-protection.ts';

/** What {@link prepareImage} found: the options, the destination, the WIM and the image to apply. */
export interface PreparedImage {
  options: ApplyImageOptions;
  target: ResolvedDestination;
  wim: LocatedWim;
  facts: WimFacts;
  image: ImageFacts;
}

const fail = (exitCode: number, message: string): StepResult => ({ exitCode, message });

/** Options by property, falling back to the documented variables (MDT steps carry no index property). */
function readOptions(ctx: StepContext, kind: ImageStepKind) {
  const indexVariable = kind === 'data' ? 'OSDDataImageIndex' : 'OSDImageIndex';
  return parseApplyImageOptions((p) => readOption(ctx, p, p === 'ImageIndex' ? indexVariable : undefined), kind);
}

/** The volume's used bytes as the disks report them (what a wipe can free). */
function usedBytes(target: ResolvedDestination, disks: ReturnType<StepContext['ports']['disks']['list']>): number {
  const p = disks.find((d) => d.index === target.disk)?.partitions.find((x) => x.number === target.partition);
  return p?.volume?.usedBytes ?? 0;
}

function judgeImage(ctx: StepContext, kind: ImageStepKind, image: ImageFacts, target: ResolvedDestination, reclaimable: number | undefined): StepResult | undefined {
  if (kind !== 'data') {
    const wrongArch = checkArchitecture(image, ctx.facts.architecture);
    if (wrongArch) return fail(EXIT_NOT_SUPPORTED, wrongArch);
    if (image.architecture === '') ctx.log.warn(`image ${image.index} (${image.name}) does not state its architecture; applying it to this ${ctx.facts.architecture} machine anyway`);
  }
  const available = ctx.ports.volumes.freeBytes(target.letter) + (reclaimable ?? 0);
  const tooBig = checkSize(image, target.letter, available, reclaimable !== undefined);
  return tooBig ? fail(EXIT_DISK_FULL, tooBig) : undefined;
}

/**
 * Everything up to (not including) the wipe: options, destination, WIM, index, architecture (not for data images)
 * and size. Returns the failed result on the first refusal; nothing on the machine has changed then.
 */
export function prepareImage(ctx: StepContext, kind: ImageStepKind): PreparedImage | StepResult {
  const parsed = readOptions(ctx, kind);
  if (!parsed.options) return fail(EXIT_INVALID_PARAMETER, parsed.problems[0]?.message ?? 'the options cannot be read');
  const options = parsed.options;
  if (options.runFromNet) ctx.log.info('RunFromNet is set; content is always local in this engine, so the image is read from the package folder');
  const disks = ctx.ports.disks.list();
  const target = resolveDestination(disks, options.destination, (n) => ctx.vars.get(n), parseTargets(ctx.vars.get(APPLIED_TARGETS_VARIABLE)));
  if ('error' in target) return fail(EXIT_INVALID_PARAMETER, target.error);
  ctx.log.info(`Destination: ${target.describe}`);
  const wim = locateWim(ctx, options.source);
  if ('error' in wim) return fail(wim.contentMissing ? EXIT_CONTENT_NOT_FOUND : EXIT_INVALID_PARAMETER, wim.error);
  const facts = ctx.ports.imaging.inspect(wim.path);
  const image = findImageFacts(facts, options.index, wim.fileName);
  if ('error' in image) return fail(EXIT_INVALID_PARAMETER, `${image.error} (option ${options.indexField})`);
  ctx.log.info(`Image: ${wim.fileName} index ${image.index} (${image.name}, ${image.architecture || 'architecture unknown'}, ${formatSize(image.totalBytes)}) from package ${wim.packageId}`);
  const refused = judgeImage(ctx, kind, image, target, options.wipe ? usedBytes(target, disks) : undefined);
  return refused ?? { options, target, wim, facts, image };
}

/** Wipes (when the options say so), applies the image and records the target for the next-available search. */
export async function wipeAndApply(ctx: StepContext, prepared: PreparedImage): Promise<StepResult | undefined> {
  const { target, image, wim, options } = prepared;
  if (options.wipe) {
    const keep = protectedFolders(target.letter, ctx.vars.get('_SMSTSUserStatePath'));
    const lost = storeWipeProblem(ctx, target.letter, keep);
    if (lost) return fail(EXIT_INVALID_PARAMETER, lost);
    const removed = ctx.ports.volumes.wipe(target.letter, keep);
    ctx.log.info(`Wiped ${target.letter}: removed ${removed} top-level entries, kept ${keep.join(', ')}`);
  } else ctx.log.info(`WipeDestinationPartition is false; adding the image to what ${target.letter} holds`);
  ctx.log.info(`Applying ${wim.fileName} image ${image.index} to ${target.letter}`);
  const activity = `Applying image ${image.index}`;
  const done = await ctx.ports.imaging.apply({
    path: wim.path, index: image.index, target: target.letter, onProgress: (p) => ctx.progress({ activity, ...p }),
  });
  ctx.log.info(`Applied ${done.files} files (${formatSize(done.bytes)}) to ${target.letter}`);
  const targets = parseTargets(ctx.vars.get(APPLIED_TARGETS_VARIABLE));
  if (!targets.includes(target.letter)) ctx.vars.setBuiltIn(APPLIED_TARGETS_VARIABLE, [...targets, target.letter].join(','));
  return undefined;
}
