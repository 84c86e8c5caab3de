/**
 * Apply Operating System Image (and MDT's Install Operating System): in Windows PE, applies a WIM image to the
 * destination volume after wiping it (protected folders kept), writes the boot files for the firmware and the answer
 * file, and sets `OSDTargetSystemDrive` / `OSDTargetSystemRoot`. Every refusal happens before the wipe.
 */
import type { StepContext, StepModule, StepResult } from '../../engine/step-api.ts';
import { ANSWER_FILE_PATH, EXIT_NOT_SUPPORTED } from '../../engine/step-api.ts';
import { setStepVariable } from '../shared/set-step-variable.ts';
import { buildAnswerFile } from './answer-file.ts';
import { prepareImage, wipeAndApply } from '../shared/image/image-flow.ts';
import { validateApplyOperatingSystem } from './validate.ts';
import { applyOperatingSystemManifest, MDT_INSTALL_OS_TYPE } from './manifest.ts';

export { APPLY_OS_TYPE, MDT_INSTALL_OS_TYPE } from './manifest.ts';
export { planUnattend, mergeUnattend, renderUnattend, UNATTEND_NAMESPACE } from '../shared/unattend.ts';

async function finish(ctx: StepContext, letter: string, answerFile: string): Promise<StepResult | undefined> {
  await ctx.ports.imaging.writeBootFiles({ windowsPath: `${letter}\\Windows`, firmware: ctx.environment.firmware });
  ctx.log.info(`Wrote the boot files for ${ctx.environment.firmware} firmware pointing at ${letter}\\Windows`);
  ctx.ports.volumes.writeFile(letter, ANSWER_FILE_PATH, answerFile);
  ctx.log.info(`Wrote ${letter}\\${ANSWER_FILE_PATH}`);
  for (const [name, value] of [['OSDTargetSystemDrive', letter], ['OSDTargetSystemRoot', `${letter}\\Windows`]]) {
    const failed = setStepVariable(ctx.vars, name, value);
    if (failed) return failed;
    ctx.log.info(`Set ${name} = ${value}`);
  }
  return undefined;
}

async function run(ctx: StepContext): Promise<StepResult> {
  if (!ctx.environment.inWinPE) return { exitCode: EXIT_NOT_SUPPORTED, message: 'Apply Operating System Image runs only in Windows PE' };
  const prepared = prepareImage(ctx, ctx.step.type === MDT_INSTALL_OS_TYPE ? 'mdt' : 'os');
  if ('exitCode' in prepared) return prepared;
  const answerFile = buildAnswerFile(ctx, prepared.options, prepared.image);
  if (typeof answerFile !== 'string') return answerFile;
  const applied = await wipeAndApply(ctx, prepared);
  if (applied) return applied;
  return (await finish(ctx, prepared.target.letter, answerFile)) ?? { exitCode: 0 };
}

/** Apply Operating System Image (`SMS_TaskSequence_ApplyOperatingSystemAction`, MDT `BDD_InstallOS`). */
export const applyOperatingSystemStep: StepModule = {
  id: 'apply-operating-system',
  component: 'ApplyOperatingSystem',
  manifest: applyOperatingSystemManifest,
  runIn: 'WinPE',
  // The apply starts with a wipe, so running it again gives the same result.
  rerunnable: true,
  ports: ['disks', 'content', 'imaging', 'volumes'],
  validate: validateApplyOperatingSystem,
  // Packages come from the manifest; MDT's image package follows from OSGUID or a variable set at run time, so it is
  // checked when the step runs.
  run,
};
