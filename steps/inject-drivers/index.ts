/**
 * MDT Inject Drivers (`BDD_InjectDrivers`) on the same machinery as Auto Apply Drivers: the selection profile picks
 * the drivers (`All Drivers`, `Nothing`, or the catalog drivers in the category of the profile's name), and the
 * injection mode stages every compatible driver (`AUTO`, Windows chooses) or every driver of the profile (`ALL`).
 */
import {
  EXIT_INVALID_PARAMETER, EXIT_NOT_SUPPORTED,
  type DriverInf, type StepContext, type StepDefinitionView, type StepModule, type StepProblem, type StepResult,
} from '../../engine/step-api.ts';
import { isDeferred, parseFlag, readOption } from '../shared/option-value.ts';
import { chosenInfs, logCatalogProblems, matchAndExplain, stage, stageTarget } from '../shared/drivers/driver-flow.ts';
import { injectDriversManifest, INJECT_DRIVERS_TYPE } from './manifest.ts';

export { INJECT_DRIVERS_TYPE } from './manifest.ts';
const MODES = ['AUTO', 'ALL'];

/** The INFs of a selection profile. */
function profileInfs(infs: readonly DriverInf[], profile: string): DriverInf[] {
  const p = profile.toLowerCase();
  if (p === 'all drivers' || p === 'all drivers and packages') return [...infs];
  if (p === 'nothing') return [];
  return infs.filter((i) => i.categories.some((c) => c.toLowerCase() === p));
}

async function run(ctx: StepContext): Promise<StepResult> {
  if (!ctx.environment.inWinPE) return { exitCode: EXIT_NOT_SUPPORTED, message: 'Inject Drivers runs only in Windows PE' };
  const profile = readOption(ctx, 'DriverSelectionProfile') ?? 'All Drivers';
  const mode = (readOption(ctx, 'DriverInjectionMode') ?? 'AUTO').toUpperCase();
  if (!MODES.includes(mode)) return { exitCode: EXIT_INVALID_PARAMETER, message: `DriverInjectionMode must be AUTO or ALL (got '${mode}')` };
  const allowUnsigned = parseFlag(readOption(ctx, 'UnsignedDriver', 'OSDAllowUnsignedDriver'));
  const target = stageTarget(ctx);
  if ('exitCode' in target) return target;
  const catalog = ctx.ports.drivers.catalog();
  logCatalogProblems(ctx, catalog);
  const infs = profileInfs(catalog.infs, profile);
  ctx.log.info(`Selection profile '${profile}': ${infs.length} INF(s); injection mode ${mode}`);
  const chosen = mode === 'ALL' ? infs : chosenInfs(matchAndExplain(ctx, infs, target, allowUnsigned), true);
  return (await stage(ctx, target, chosen.map((i) => i.path), { recurse: false, forceUnsigned: allowUnsigned })) ?? { exitCode: 0 };
}

function validate(view: StepDefinitionView): StepProblem[] {
  const mode = view.options.DriverInjectionMode?.trim();
  if (!mode || isDeferred(mode) || MODES.includes(mode.toUpperCase())) return [];
  return [{ severity: 'error', code: 'bad-option', field: 'DriverInjectionMode', message: `DriverInjectionMode must be AUTO or ALL (got '${mode}')` }];
}

/** MDT Inject Drivers (`BDD_InjectDrivers`). */
export const injectDriversStep: StepModule = {
  id: 'inject-drivers',
  component: 'ZTIDrivers',
  manifest: injectDriversManifest,
  runIn: 'WinPE',
  rerunnable: true,
  ports: ['drivers', 'imaging', 'windows'],
  validate,
  run,
};
