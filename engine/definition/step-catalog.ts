/**
 * Every documented step class: the ConfigMgr `SMS_TaskSequence_*` actions and the MDT `BDD_*` types. The types a
 * step module runs come from the modules' manifests; this file lists only the documented types no module handles,
 * so that a definition using one is reported as "recognised but not runnable" rather than as a typo.
 */
import type { RunIn, StepTypeEntry } from '../options/step-manifest.ts';

export type { RunIn } from '../options/step-manifest.ts';

export interface StepCatalogEntry extends StepTypeEntry {
  source: 'configmgr' | 'mdt';
}

/** A documented type no module runs, with the variables its documentation marks secret. */
interface KnownType extends StepTypeEntry {
  secretVariables?: readonly string[];
}

const CM = 'SMS_TaskSequence_';

function cm(cls: string, displayName: string, defaultRunIn: RunIn, secretVariables?: readonly string[]): KnownType {
  return { type: CM + cls, displayName, defaultRunIn, ...(secretVariables ? { secretVariables } : {}) };
}

/** Known step types that no step module runs yet, ConfigMgr first, in editor order. */
const KNOWN_NOT_RUNNABLE: readonly KnownType[] = [
  cm('PrestartCheckAction', 'Check Readiness', 'WinPEandFullOS'),
  cm('ConnectNetworkFolderAction', 'Connect To Network Folder', 'WinPEandFullOS', ['SMSConnectNetworkFolderPassword']),
  cm('InstallApplicationAction', 'Install Application', 'FullOS'),
  cm('InstallSoftwareAction', 'Install Package', 'FullOS'),
  cm('InstallUpdateAction', 'Install Software Updates', 'FullOS'),
  cm('EnableBitLockerAction', 'Enable BitLocker', 'FullOS', ['OSDBitLockerPIN', 'OSDBitLockerRecoveryPassword', 'OSDBitLockerStartupKey']),
  cm('DisableBitLockerAction', 'Disable BitLocker', 'FullOS'),
  cm('OfflineEnableBitLockerAction', 'Pre-provision BitLocker', 'WinPE'),
  cm('UpgradeOperatingSystemAction', 'Upgrade Operating System', 'FullOS'),
  cm('InstallDeployToolsAction', 'Install Deployment Tools', 'FullOS'),
  cm('SubTasksequence', 'Run Task Sequence', 'WinPEandFullOS'),
];

/** The Run Task Sequence class (also the `type` of `<subtasksequence>` elements). */
export const SUB_TASK_SEQUENCE_TYPE = CM + 'SubTasksequence';

/** The known step types: what validation looks types up in. */
export interface StepCatalog {
  /** Every entry: the runnable types first (in the modules' order), then the known but not runnable ones. */
  readonly entries: readonly StepCatalogEntry[];
  /**
   * The entry for a step type, or undefined when unknown. Matching is exact: the rest of the engine looks types up
   * by their exact spelling, so a differently-cased type is reported rather than accepted.
   */
  find(type: string): StepCatalogEntry | undefined;
  /** An entry whose type differs from `type` only in letter case (for "did you mean" hints). */
  findIgnoringCase(type: string): StepCatalogEntry | undefined;
  /** True when a step module runs the type. */
  runnable(type: string): boolean;
}

function entry(e: StepTypeEntry): StepCatalogEntry {
  return Object.freeze({ type: e.type, displayName: e.displayName, defaultRunIn: e.defaultRunIn, source: e.type.startsWith('BDD_') ? 'mdt' : 'configmgr' });
}

/**
 * The catalog of the types `runnable` (the step modules' manifests) plus the documented types no module handles; a
 * runnable type is listed once, as runnable. The untyped MDT step (`''`) is not a catalog entry.
 */
export function createStepCatalog(runnable: readonly StepTypeEntry[]): StepCatalog {
  const run = new Set(runnable.map((e) => e.type));
  const entries = Object.freeze([...runnable.filter((e) => e.type !== ''), ...KNOWN_NOT_RUNNABLE.filter((e) => !run.has(e.type))].map(entry));
  const byType = new Map(entries.map((e) => [e.type, e]));
  const byLowerType = new Map(entries.map((e) => [e.type.toLowerCase(), e]));
  return {
    entries,
    find: (type) => byType.get(type),
    findIgnoringCase: (type) => byLowerType.get(type.toLowerCase()),
    runnable: (type) => run.has(type),
  };
}

/** The variables the documentation marks secret for the known types no module runs. */
export function knownTypeSecretVariables(): string[] {
  return KNOWN_NOT_RUNNABLE.flatMap((e) => e.secretVariables ?? []);
}
