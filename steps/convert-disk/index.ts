/**
 * Convert Disk to Dynamic: refused. Dynamic disks are deprecated and Windows Setup cannot install to them, so a
 * sequence that converts a disk is stopped at validation, before anything runs; under continue on error the step
 * fails when reached and the run goes on (the preflight's certain-failure rule).
 */
import type { StepModule, StepProblem, StepResult } from '../../engine/step-api.ts';
import { DYNAMIC_DISK_REASON, EXIT_NOT_SUPPORTED } from '../../engine/step-api.ts';
import { convertDiskManifest, CONVERT_DISK_TYPE } from './manifest.ts';

export { CONVERT_DISK_TYPE } from './manifest.ts';
export const CONVERT_DISK_UNSUPPORTED =
  `Convert Disk to Dynamic is not supported: ${DYNAMIC_DISK_REASON}; remove or disable the step`;

/** Convert Disk to Dynamic (`SMS_TaskSequence_ConvertDiskAction`): validation error `unsupported-step`. */
export const convertDiskStep: StepModule = {
  id: 'convert-disk',
  component: 'OSDDiskPart',
  manifest: convertDiskManifest,
  runIn: 'WinPE',
  rerunnable: true,
  ports: [],
  validate: (): StepProblem[] => [{ severity: 'error', code: 'unsupported-step', message: CONVERT_DISK_UNSUPPORTED }],
  run: async (): Promise<StepResult> => ({ exitCode: EXIT_NOT_SUPPORTED, message: CONVERT_DISK_UNSUPPORTED }),
};
