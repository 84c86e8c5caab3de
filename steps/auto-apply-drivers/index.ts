/**
 * Auto Apply Drivers: in Windows PE, matches the machine's devices against the driver catalog (optionally only the
 * drivers in some categories, ORed) for the applied Windows, and stages the best driver of each device (or every
 * compatible one, letting Windows choose) into its offline driver store. Not supported on stand-alone media.
 */
import {
  EXIT_NOT_SUPPORTED, type StepContext, type StepDefinitionView, type StepModule, type StepProblem, type StepResult,
} from '../../engine/step-api.ts';
import { parseFlag, readOption } from '../shared/option-value.ts';
import { chosenInfs, logCatalogProblems, matchAndExplain, stage, stageTarget } from '../shared/drivers/driver-flow.ts';
import { checkFlags, commaList, guardedByMediaType } from '../shared/drivers/driver-options.ts';
import { autoApplyDriversManifest, AUTO_APPLY_DRIVERS_TYPE } from './manifest.ts';

export { AUTO_APPLY_DRIVERS_TYPE } from './manifest.ts';

/** The message of the failure on stand-alone media. */
export const STAND_ALONE_MESSAGE = 'Auto Apply Drivers is not supported on stand-alone media (_SMSTSMediaType=FullMedia): it needs the site\'s driver catalog; use Apply Driver Package instead';

interface AutoApplyOptions {
  bestMatch: boolean;
  allowUnsigned: boolean;
  categories: string[];
}

function readOptions(ctx: StepContext): AutoApplyOptions {
  const best = readOption(ctx, 'BestMatch', 'OSDAutoApplyDriverBestMatch');
  return {
    // Best match is the documented default.
    bestMatch: best === undefined || parseFlag(best),
    allowUnsigned: parseFlag(readOption(ctx, 'UnsignedDriver', 'OSDAllowUnsignedDriver')),
    categories: commaList(readOption(ctx, 'CategoryList', 'OSDAutoApplyDriverCategoryList')),
  };
}

function standAlone(ctx: StepContext): boolean {
  return ctx.environment.mediaType === 'FullMedia' || ctx.vars.get('_SMSTSMediaType') === 'FullMedia';
}

async function run(ctx: StepContext): Promise<StepResult> {
  if (!ctx.environment.inWinPE) return { exitCode: EXIT_NOT_SUPPORTED, message: 'Auto Apply Drivers runs only in Windows PE' };
  if (standAlone(ctx)) return { exitCode: EXIT_NOT_SUPPORTED, message: STAND_ALONE_MESSAGE };
  const options = readOptions(ctx);
  const target = stageTarget(ctx);
  if ('exitCode' in target) return target;
  const catalog = ctx.ports.drivers.catalog();
  logCatalogProblems(ctx, catalog);
  const wanted = new Set(options.categories.map((c) => c.toLowerCase()));
  const infs = wanted.size === 0 ? catalog.infs : catalog.infs.filter((i) => i.categories.some((c) => wanted.has(c.toLowerCase())));
  if (wanted.size > 0) ctx.log.info(`Categories ${options.categories.join(', ')}: ${infs.length} of ${catalog.infs.length} INF(s) in them`);
  ctx.log.info(options.bestMatch ? 'Installing only the best matched driver of each device' : 'Installing every compatible driver; Windows chooses at setup');
  const matches = matchAndExplain(ctx, infs, target, options.allowUnsigned);
  const chosen = chosenInfs(matches, !options.bestMatch);
  return (await stage(ctx, target, chosen.map((i) => i.path), { recurse: false, forceUnsigned: options.allowUnsigned })) ?? { exitCode: 0 };
}

function validate(view: StepDefinitionView): StepProblem[] {
  const problems = checkFlags(view, ['BestMatch', 'UnsignedDriver']);
  if (!guardedByMediaType(view)) {
    problems.push({
      severity: 'warning', code: 'stand-alone-media', field: 'condition',
      message: 'Auto Apply Drivers fails on stand-alone media; guard it with a condition on _SMSTSMediaType (not equal to FullMedia) if this sequence can run from such media',
    });
  }
  return problems;
}

/** Auto Apply Drivers (`SMS_TaskSequence_AutoApplyAction`). */
export const autoApplyDriversStep: StepModule = {
  id: 'auto-apply-drivers',
  component: 'AutoApplyDrivers',
  manifest: autoApplyDriversManifest,
  runIn: 'WinPE',
  // Staging the same INF again lands in the same driver store folder.
  rerunnable: true,
  ports: ['drivers', 'imaging', 'windows'],
  validate,
  run,
};
