/**
 * Download Package Content: puts verified copies of packages into the task sequence cache, the client cache or a
 * custom path, and can name each copy in a numbered variable (`<base>01`, `<base>02`, ... in list order).
 */
import {
  EXIT_INVALID_PARAMETER, PortRefusal, readDownloadRetry,
  type StagedPackage, type StepContext, type StepModule, type StepResult,
} from '../../engine/step-api.ts';
import { isDeferred, parseFlag } from '../shared/option-value.ts';
import { setStepVariable } from '../shared/set-step-variable.ts';
import {
  DOWNLOAD_PACKAGE_CONTENT_TYPE, parseLocation, parsePackageList, pathVariableName, planDestination, variableBase,
} from './plan.ts';
import { validateDownloadPackageContent } from './validate.ts';
import { downloadPackageContentManifest } from './manifest.ts';

interface Plan {
  ids: string[];
  folder: string;
  base?: string;
  continueOnFailure: boolean;
}

function plan(ctx: StepContext): Plan | StepResult {
  const ids = parsePackageList(ctx.option('DownloadPackages'));
  if (ids.length === 0) return { exitCode: EXIT_INVALID_PARAMETER, message: 'no package to download (DownloadPackages is empty)' };
  const location = parseLocation(ctx.option('DestinationLocationType'));
  if (!location) return { exitCode: EXIT_INVALID_PARAMETER, message: `DestinationLocationType "${ctx.option('DestinationLocationType')}" is not TSCache, CCMCache or Custom` };
  const env = ctx.environment;
  const dest = planDestination({ location, customPath: ctx.option('DestinationCustomPath'), dataPath: ctx.vars.get('_SMSTSMDataPath') || env.dataPath, clientCache: env.clientCache, inWinPE: env.inWinPE });
  if ('exitCode' in dest) return dest;
  const flag = ctx.option('ContinueDownloadOnError');
  return { ids, folder: dest.folder, base: variableBase(ctx.option('DestinationVariable')), continueOnFailure: flag === undefined || parseFlag(flag) };
}

/**
 * One package; a refusal (the package is nowhere, the destination cannot hold it) comes back as a result with the
 * port's exit code, as the step may continue past it. Anything else is thrown.
 */
async function downloadOne(ctx: StepContext, p: Plan, id: string, index: number): Promise<StepResult | undefined> {
  let staged: StagedPackage;
  try {
    staged = await ctx.ports.content.stage({
      packageId: id, destination: p.folder, retry: readDownloadRetry((n) => ctx.vars.get(n)),
      persistInCache: parseFlag(ctx.vars.get('SMSTSPersistContent')), signal: ctx.signal,
    });
  } catch (e) {
    if (!(e instanceof PortRefusal)) throw e;
    return { exitCode: e.exitCode, message: `package ${id}: ${e.message}` };
  }
  if (/^https?:/.test(staged.from)) ctx.vars.setBuiltIn('_SMSTSLastContentDownloadLocation', staged.from);
  ctx.log.info(`Package ${id} is in ${staged.path} (${staged.bytes} bytes, from ${staged.from})`);
  if (!p.base) return undefined;
  const name = pathVariableName(p.base, index);
  const failed = setStepVariable(ctx.vars, name, staged.path, { prefix: `${name}: ` });
  if (!failed) ctx.log.info(`Set ${name} = ${staged.path}`);
  return failed;
}

async function run(ctx: StepContext): Promise<StepResult> {
  const p = plan(ctx);
  if ('exitCode' in p) return p;
  ctx.log.info(`Downloading ${p.ids.length} package(s) to ${p.folder}: ${p.ids.join(', ')}`);
  const skipped: string[] = [];
  for (const [index, id] of p.ids.entries()) {
    const failed = await downloadOne(ctx, p, id, index);
    if (!failed) continue;
    if (!p.continueOnFailure) return failed;
    ctx.log.warn(`${failed.message}; continuing with the next package (ContinueDownloadOnError)`);
    skipped.push(id);
  }
  return skipped.length ? { exitCode: 0, message: `${skipped.length} of ${p.ids.length} package(s) could not be downloaded and were skipped: ${skipped.join(', ')}` } : { exitCode: 0 };
}

/** Download Package Content (`SMS_TaskSequence_DownloadPackageContentAction`). */
export const downloadPackageContentStep: StepModule = {
  id: 'download-package-content',
  component: 'DownloadPackageContent',
  manifest: downloadPackageContentManifest,
  runIn: 'both',
  rerunnable: true,
  ports: ['content'],
  validate: validateDownloadPackageContent,
  packages: (view) => parsePackageList(view.options.DownloadPackages).filter((id) => !isDeferred(id)),
  run,
};
