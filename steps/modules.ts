/** The built-in step modules. Adding a step = one folder + one line here. Groups and Run Task Sequence are the engine's. */
import type { StepModule } from '../engine/step-api.ts';
import { applyNetworkSettingsStep } from './apply-network-settings/index.ts';
import { applyWindowsSettingsStep } from './apply-windows-settings/index.ts';
import { captureNetworkSettingsStep } from './capture-network-settings/index.ts';
import { captureWindowsSettingsStep } from './capture-windows-settings/index.ts';
import { joinDomainWorkgroupStep } from './join-domain-workgroup/index.ts';
import { captureUserStateStep } from './capture-user-state/index.ts';
import { releaseStateStoreStep } from './release-state-store/index.ts';
import { requestStateStoreStep } from './request-state-store/index.ts';
import { restoreUserStateStep } from './restore-user-state/index.ts';
import { applyDataImageStep } from './apply-data-image/index.ts';
import { applyDriverPackageStep } from './apply-driver-package/index.ts';
import { applyOperatingSystemStep } from './apply-operating-system/index.ts';
import { autoApplyDriversStep } from './auto-apply-drivers/index.ts';
import { captureSystemImageStep } from './capture-system-image/index.ts';
import { convertDiskStep } from './convert-disk/index.ts';
import { downloadPackageContentStep } from './download-package-content/index.ts';
import { injectDriversStep } from './inject-drivers/index.ts';
import { partitionDiskStep } from './partition-disk/index.ts';
import { prepareClientStep } from './prepare-configmgr-client/index.ts';
import { prepareWindowsStep } from './prepare-windows-for-capture/index.ts';
import { restartComputerStep } from './restart-computer/index.ts';
import { runCommandLineStep } from './run-command-line/index.ts';
import { runPowerShellStep } from './run-powershell/index.ts';
import { setDynamicVariablesStep } from './set-dynamic-variables/index.ts';
import { setVariableStep } from './set-variable/index.ts';
import { setupWindowsStep } from './setup-windows-and-configmgr/index.ts';

export const STEP_MODULES: readonly StepModule[] = [
  runCommandLineStep,
  runPowerShellStep,
  setVariableStep,
  setDynamicVariablesStep,
  restartComputerStep,
  partitionDiskStep,
  convertDiskStep,
  applyOperatingSystemStep,
  applyDataImageStep,
  captureSystemImageStep,
  setupWindowsStep,
  prepareClientStep,
  prepareWindowsStep,
  downloadPackageContentStep,
  captureWindowsSettingsStep,
  captureNetworkSettingsStep,
  applyWindowsSettingsStep,
  applyNetworkSettingsStep,
  joinDomainWorkgroupStep,
  requestStateStoreStep,
  captureUserStateStep,
  restoreUserStateStep,
  releaseStateStoreStep,
  autoApplyDriversStep,
  applyDriverPackageStep,
  injectDriversStep,
];
