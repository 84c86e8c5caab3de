/**
 * The task sequence environment for scripts (`Microsoft.SMS.TSEnvironment`, `Microsoft.SMS.TsProgressUI`), the entry
 * point for the Windows backend: a bridge per command ({@link startTsEnvBridge}), the script components it writes
 * for the run ({@link renderScriptComponent} for each of {@link COM_CLASSES}) and the registry commands that register
 * and remove them. See docs/tsenv.md.
 */
export { startTsEnvBridge, type TsEnvBridge, type TsEnvBridgeOptions } from './start-bridge.ts';
export type { CommandWrites, TsEnvVariable } from './command-environment.ts';
export type { BridgeLog } from './answer-request.ts';
export { COM_CLASSES, TS_ENVIRONMENT, TS_PROGRESS_UI, type ComClass } from './com-classes.ts';
export { renderScriptComponent } from './wsc-component.ts';
export { existingRegistrationQueries, registrationCommands, removalCommands, type RegistrationOptions, type RegistryView } from './com-registration.ts';
export { TSENV_ENDPOINT_VARIABLE, TSENV_TOKEN_VARIABLE } from './protocol.ts';
