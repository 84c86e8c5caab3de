/**
 * Every documented step class: the ConfigMgr `SMS_TaskSequence_*` actions and the MDT `BDD_*` types. Being in the
 * catalog means "a known step type", not "runnable": the engine's step registry decides what it can run.
 */

export type RunIn = 'WinPE' | 'FullOS' | 'WinPEandFullOS';

export interface StepCatalogEntry {
  /** The `type` attribute, e.g. `SMS_TaskSequence_RunCommandLineAction`. */
  type: string;
  /** Name shown in the task sequence editor. */
  displayName: string;
  /**
   * `runIn` assumed when a step omits it: what the console writes for new steps of this type (seen in real
   * exports), else the SDK default.
   */
  defaultRunIn: RunIn;
  source: 'configmgr' | 'mdt';
}

const CM = 'SMS_TaskSequence_';

function cm(cls: string, displayName: string, defaultRunIn: RunIn): StepCatalogEntry {
  return { type: CM + cls, displayName, defaultRunIn, source: 'configmgr' };
}

function mdt(type: string, displayName: string, defaultRunIn: RunIn = 'WinPEandFullOS'): StepCatalogEntry {
  return { type, displayName, defaultRunIn, source: 'mdt' };
}

/** All known step types, ConfigMgr first, in editor order. */
export const STEP_CATALOG: readonly StepCatalogEntry[] = Object.freeze([
  cm('PartitionDiskAction', 'Format and Partition Disk', 'WinPE'),
  cm('ConvertDiskAction', 'Convert Disk to Dynamic', 'WinPEandFullOS'),
  cm('ApplyOperatingSystemAction', 'Apply Operating System Image', 'WinPE'),
  cm('ApplyDataImageAction', 'Apply Data Image', 'WinPE'),
  cm('ApplyDriverPackageAction', 'Apply Driver Package', 'WinPE'),
  cm('AutoApplyAction', 'Auto Apply Drivers', 'WinPE'),
  cm('ApplyWindowsSettingsAction', 'Apply Windows Settings', 'WinPE'),
  cm('ApplyNetworkSettingsAction', 'Apply Network Settings', 'WinPE'),
  cm('CaptureWindowsSettingsAction', 'Capture Windows Settings', 'WinPEandFullOS'),
  cm('CaptureNetworkSettingsAction', 'Capture Network Settings', 'FullOS'),
  cm('RequestStateStoreAction', 'Request State Store', 'WinPEandFullOS'),
  cm('CaptureUserStateAction', 'Capture User State', 'WinPEandFullOS'),
  cm('RestoreUserStateAction', 'Restore User State', 'FullOS'),
  cm('ReleaseStateStoreAction', 'Release State Store', 'WinPEandFullOS'),
  cm('SetupWindowsAndSMSAction', 'Setup Windows and ConfigMgr', 'WinPEandFullOS'),
  cm('RebootAction', 'Restart Computer', 'WinPEandFullOS'),
  cm('RunCommandLineAction', 'Run Command Line', 'WinPEandFullOS'),
  cm('RunPowerShellScriptAction', 'Run PowerShell Script', 'WinPEandFullOS'),
  cm('SetVariableAction', 'Set Task Sequence Variable', 'WinPEandFullOS'),
  cm('SetDynamicVariablesAction', 'Set Dynamic Variables', 'WinPEandFullOS'),
  cm('PrestartCheckAction', 'Check Readiness', 'WinPEandFullOS'),
  cm('ConnectNetworkFolderAction', 'Connect To Network Folder', 'WinPEandFullOS'),
  cm('JoinDomainWorkgroupAction', 'Join Domain or Workgroup', 'FullOS'),
  cm('InstallApplicationAction', 'Install Application', 'FullOS'),
  cm('InstallSoftwareAction', 'Install Package', 'FullOS'),
  cm('InstallUpdateAction', 'Install Software Updates', 'FullOS'),
  cm('DownloadPackageContentAction', 'Download Package Content', 'WinPEandFullOS'),
  cm('PrepareSMSClientAction', 'Prepare ConfigMgr Client for Capture', 'FullOS'),
  cm('PrepareOSAction', 'Prepare Windows for Capture', 'FullOS'),
  cm('CaptureSystemImageAction', 'Capture Operating System Image', 'WinPE'),
  cm('EnableBitLockerAction', 'Enable BitLocker', 'FullOS'),
  cm('DisableBitLockerAction', 'Disable BitLocker', 'FullOS'),
  cm('OfflineEnableBitLockerAction', 'Pre-provision BitLocker', 'WinPE'),
  cm('UpgradeOperatingSystemAction', 'Upgrade Operating System', 'FullOS'),
  cm('InstallDeployToolsAction', 'Install Deployment Tools', 'FullOS'),
  cm('SubTasksequence', 'Run Task Sequence', 'WinPEandFullOS'),
  mdt('BDD_Gather', 'Gather'),
  mdt('BDD_Validate', 'Validate'),
  mdt('BDD_InstallOS', 'Install Operating System'),
  mdt('BDD_InjectDrivers', 'Inject Drivers'),
  mdt('BDD_InstallApplication', 'Install Application'),
  mdt('BDD_RunPowerShellAction', 'Run PowerShell Script'),
  mdt('BDD_InstallUpdatesOffline', 'Install Updates Offline'),
  mdt('BDD_InstallRoles', 'Install Roles and Features'),
  mdt('BDD_UninstallRoles', 'Uninstall Roles and Features'),
  mdt('BDD_ConfigureADDS', 'Configure ADDS'),
  mdt('BDD_ConfigureDNS', 'Configure DNS'),
  mdt('BDD_ConfigureDHCP', 'Configure DHCP'),
  mdt('BDD_EnableBDE', 'Enable BitLocker'),
  mdt('BDD_InstallLanguagePacksOffline', 'Install Language Packs Offline', 'WinPE'),
  mdt('BDD_InstallLanguagePacksOnline', 'Install Language Packs Online', 'FullOS'),
  mdt('BDD_ExecuteRunbook', 'Execute Orchestrator Runbook'),
  mdt('BDD_UsePackage', 'Use Toolkit Package'),
  mdt('BDD_RecoverDomainJoin', 'Recover From Domain'),
].map((e) => Object.freeze(e)));

/** The Run Task Sequence class (also the `type` of `<subtasksequence>` elements). */
export const SUB_TASK_SEQUENCE_TYPE = CM + 'SubTasksequence';

const BY_TYPE = new Map(STEP_CATALOG.map((e) => [e.type, e]));
const BY_LOWER_TYPE = new Map(STEP_CATALOG.map((e) => [e.type.toLowerCase(), e]));

/**
 * The catalog entry for a step type, or undefined when unknown. Matching is exact: the rest of the engine looks
 * types up by their exact spelling, so a differently-cased type is reported rather than accepted.
 */
export function findStepType(type: string): StepCatalogEntry | undefined {
  return BY_TYPE.get(type);
}

/** A catalog entry whose type differs from `type` only in letter case (for "did you mean" hints). */
export function findStepTypeIgnoringCase(type: string): StepCatalogEntry | undefined {
  return BY_LOWER_TYPE.get(type.toLowerCase());
}
