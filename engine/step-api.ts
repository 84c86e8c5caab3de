/**
 * The engine as steps see it: the step contract and its manifest, the ports and the data that crosses them, exit
 * codes, errors and the few pure helpers steps share with the engine. Everything in `steps/` imports the engine
 * through this file only (`test/architecture.test.ts` enforces it), so the engine's internals and the agent's API
 * (`engine/index.ts`) can change without touching a step. A name a step needs is added here on purpose.
 */

// The step contract, its manifest and its options.
export type {
  StepContext, StepDefinitionView, StepInfo, StepModule, StepProblem, StepProgress, StepResult, StepVariables,
  OptionSpec, StepCatalog, StepTypeEntry,
} from './index.ts';
export {
  defineManifest, parseOptions, convertOption, listOfChoices, stepPackages, createStepCatalog, readStepOptions,
  currentOption, readOptionExpansion, readVariableExpansion, isDeferred,
} from './index.ts';

// Results, errors and refusals.
export {
  EXIT_ACCESS_DENIED, EXIT_CONTENT_NOT_FOUND, EXIT_DISK_FULL, EXIT_FAILED, EXIT_INVALID_PARAMETER, EXIT_NOT_SUPPORTED,
  EXIT_TIMEOUT, TaskseqError, InvalidInputError, PortRefusal, withDetail, UsmtError,
} from './index.ts';

// The sequence's model, as far as steps read it.
export type { Condition, ConditionNode, ConditionResult, ExpressionNode, StepNode, VariableEntry, XmlElement } from './index.ts';
export { parseXmlElement, readConditionElement } from './index.ts';

// Ports and the data that crosses them.
export type {
  Ports, MachineProbe, SystemFacts, EnvironmentFacts, CommandRequest, CommandResult, ContentStageRequest, StagedPackage,
  DiskFacts, PartitionFacts, PartitionLayout, PartitionRole, PlannedPartition, AppliedLayout, AddDriversRequest,
  ApplyImageRequest, BootFilesRequest, CaptureImageRequest, ImageFacts, WimFacts, AdapterSettings, GeneralizeRequest,
  JoinRequest, StageClientRequest, WindowsInstallation, CaptureUserStateRequest, RestoreUserStateRequest,
  MigrationMode, DriverCatalog, DriverInf, InfModel, InfPlatform, InfProblem, PnpDevice, MachineCall,
  OperationProgress, ProgressCallback,
} from './index.ts';
export { readDownloadRetry, sameShare } from './index.ts';

// Disk facts (engine/disks) and Windows Setup rules the steps plan with.
export {
  MIB, GIB, FAT32_MAX_VOLUME_BYTES, MBR_MAX_PRIMARIES, MBR_FIRST_LOGICAL, EBR_GAP_BYTES, DYNAMIC_DISK_REASON,
  exceedsVolumeLimit, mbrAddressableBytes, usableRange,
} from './index.ts';
export { ANSWER_FILE_PATH, resumeProblem } from './index.ts';

// For the steps' tests: the real context and the engine's mapping of a thrown error to a result.
export { createStepContext, stepFailure, type StepContextInput } from './index.ts';
