/**
 * The step types the definition tests' fixtures use, known as step modules' manifests would make them known (the
 * engine's own catalog lists only the types no module runs, and engine tests cannot load the step modules).
 */
import type { StepTypeEntry } from '../../options/step-manifest.ts';
import { createStepCatalog } from '../step-catalog.ts';

const RUNNABLE: readonly StepTypeEntry[] = [
  { type: 'SMS_TaskSequence_RunCommandLineAction', displayName: 'Run Command Line', defaultRunIn: 'WinPEandFullOS' },
  { type: 'SMS_TaskSequence_RunPowerShellScriptAction', displayName: 'Run PowerShell Script', defaultRunIn: 'WinPEandFullOS' },
  { type: 'SMS_TaskSequence_SetVariableAction', displayName: 'Set Task Sequence Variable', defaultRunIn: 'WinPEandFullOS' },
  { type: 'SMS_TaskSequence_RebootAction', displayName: 'Restart Computer', defaultRunIn: 'WinPEandFullOS' },
  { type: 'SMS_TaskSequence_PartitionDiskAction', displayName: 'Format and Partition Disk', defaultRunIn: 'WinPE' },
  { type: 'SMS_TaskSequence_JoinDomainWorkgroupAction', displayName: 'Join Domain or Workgroup', defaultRunIn: 'FullOS' },
  { type: 'SMS_TaskSequence_AutoApplyAction', displayName: 'Auto Apply Drivers', defaultRunIn: 'WinPE' },
  { type: 'BDD_Gather', displayName: 'Gather', defaultRunIn: 'WinPEandFullOS' },
  { type: 'BDD_InstallOS', displayName: 'Install Operating System', defaultRunIn: 'WinPEandFullOS' },
];

/** Validation options that know the fixtures' step types. */
export const FIXTURE_TYPES = { catalog: createStepCatalog(RUNNABLE) };
