/**
 * Apply Driver Package: in Windows PE, stages every driver of one driver package (its subfolders too with the
 * recurse option) into the applied, offline Windows. The legacy boot-critical options only ever applied to
 * mass-storage drivers of Windows versions before Vista: they are accepted and reported as ignored.
 */
import {
  EXIT_CONTENT_NOT_FOUND, EXIT_FAILED, EXIT_NOT_SUPPORTED,
  type StepContext, type StepDefinitionView, type StepModule, type StepProblem, type StepResult,
} from '../../engine/step-api.ts';
import { parseFlag, readOption } from '../shared/option-value.ts';
import { logCatalogProblems, stage, stageTarget } from '../shared/drivers/driver-flow.ts';
import { checkFlags } from '../shared/drivers/driver-options.ts';
import { applyDriverPackageManifest, APPLY_DRIVER_PACKAGE_TYPE, BOOT_CRITICAL } from './manifest.ts';

export { APPLY_DRIVER_PACKAGE_TYPE } from './manifest.ts';

function reportBootCritical(ctx: StepContext): void {
  const set = BOOT_CRITICAL.filter(([p, v]) => readOption(ctx, p, v) !== undefined).map(([, v]) => v);
  if (set.length > 0) {
    ctx.log.warn(`Ignored ${set.join(', ')}: boot-critical mass-storage options only applied to Windows versions before Vista; the drivers are staged into the driver store like any other`);
  }
}

async function run(ctx: StepContext): Promise<StepResult> {
  if (!ctx.environment.inWinPE) return { exitCode: EXIT_NOT_SUPPORTED, message: 'Apply Driver Package runs only in Windows PE' };
  const packageId = readOption(ctx, 'DriverPackageID', 'OSDApplyDriverDriverPackageID');
  if (!packageId) return { exitCode: EXIT_FAILED, message: 'DriverPackageID is empty: name the driver package to apply' };
  const recurse = parseFlag(readOption(ctx, 'Recurse', 'OSDRecurse'));
  const forceUnsigned = parseFlag(readOption(ctx, 'UnsignedDriver', 'OSDAllowUnsignedDriver'));
  const additional = ctx.vars.get('OSDInstallDriversAdditionalOptions')?.trim();
  reportBootCritical(ctx);
  const target = stageTarget(ctx);
  if ('exitCode' in target) return target;
  const drivers = ctx.ports.drivers.packageDrivers(packageId, { recurse });
  if (!drivers) return { exitCode: EXIT_CONTENT_NOT_FOUND, message: `driver package ${packageId} is not in the content source` };
  logCatalogProblems(ctx, drivers);
  ctx.log.info(`Driver package ${packageId}: ${drivers.infs.length} INF(s)${recurse ? ' (subfolders included)' : ''}`);
  for (const inf of drivers.infs) ctx.log.info(`  ${inf.id}: ${inf.class} ${inf.provider} ${inf.date} ${inf.version}${inf.signed ? '' : ' (unsigned)'}`);
  if (additional) ctx.log.info(`Additional DISM options: ${additional}`);
  const failed = await stage(ctx, target, drivers.infs.map((i) => i.path), { recurse: false, forceUnsigned, ...(additional ? { additionalOptions: additional } : {}) });
  return failed ?? { exitCode: 0 };
}

function validate(view: StepDefinitionView): StepProblem[] {
  const problems = checkFlags(view, ['UnsignedDriver', 'Recurse']);
  if (!view.options.DriverPackageID?.trim()) {
    problems.push({ severity: 'error', code: 'missing-option', field: 'DriverPackageID', message: 'DriverPackageID is empty: name the driver package to apply' });
  }
  return problems;
}

/** Apply Driver Package (`SMS_TaskSequence_ApplyDriverPackageAction`). */
export const applyDriverPackageStep: StepModule = {
  id: 'apply-driver-package',
  component: 'ApplyDriverPackage',
  manifest: applyDriverPackageManifest,
  runIn: 'WinPE',
  rerunnable: true,
  ports: ['drivers', 'imaging', 'windows', 'content'],
  validate,
  run,
};
