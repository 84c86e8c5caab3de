/** Options Capture and Restore User State share: the USMT package, the store, the mode and its config files. */
import type { MigrationMode, StepContext, StepResult } from '../../engine/step-api.ts';
import { EXIT_CONTENT_NOT_FOUND, EXIT_INVALID_PARAMETER, EXIT_NOT_SUPPORTED, TaskseqError, UsmtError } from '../../engine/step-api.ts';
import { readOption } from './option-value.ts';

export interface UsmtBase {
  toolFolder: string;
  storePath: string;
  mode: MigrationMode;
  configFiles: string[];
  verbose: boolean;
  logFile: string;
}

const fail = (exitCode: number, message: string): StepResult => ({ exitCode, message });

/** The package, store, mode and logging options, or the failed result naming the missing one. */
export function readUsmtBase(ctx: StepContext, packageProperty: string, packageVariable: string, logName: string): UsmtBase | StepResult {
  const packageId = readOption(ctx, packageProperty, packageVariable)?.trim();
  if (!packageId) return fail(EXIT_INVALID_PARAMETER, `no USMT package: ${packageVariable} is empty`);
  const toolFolder = ctx.ports.content.resolve(packageId);
  if (!toolFolder) return fail(EXIT_CONTENT_NOT_FOUND, `USMT package ${packageId} (${packageVariable}) is not available`);
  const storePath = ctx.vars.get('OSDStateStorePath')?.trim();
  if (!storePath) return fail(EXIT_INVALID_PARAMETER, 'OSDStateStorePath is empty: set the local state location or run Request State Store first');
  const modeText = readOption(ctx, 'Mode', 'OSDMigrateMode')?.trim() ?? 'Simple';
  const mode = /^advanced$/i.test(modeText) ? 'Advanced' : /^simple$/i.test(modeText) ? 'Simple' : undefined;
  if (!mode) return fail(EXIT_INVALID_PARAMETER, `OSDMigrateMode is "${modeText}", not Simple or Advanced`);
  const configFiles = (readOption(ctx, 'ConfigFiles', 'OSDMigrateConfigFiles') ?? '').split(',').map((f) => f.trim()).filter(Boolean);
  if (mode === 'Advanced' && configFiles.length === 0) return fail(EXIT_INVALID_PARAMETER, 'OSDMigrateMode is Advanced but OSDMigrateConfigFiles names no config file');
  const missing = configFiles.filter((f) => ctx.ports.content.readText(packageId, f) === undefined);
  if (missing.length > 0) return fail(EXIT_CONTENT_NOT_FOUND, `config file(s) ${missing.join(', ')} (OSDMigrateConfigFiles) are not in USMT package ${packageId}`);
  const verbose = readOption(ctx, 'EnableVerboseLogging', 'OSDMigrateEnableVerboseLogging')?.trim().toLowerCase() === 'true';
  const logFile = `${(ctx.vars.get('_SMSTSLogPath') ?? ctx.environment.logPath).replace(/\\+$/, '')}\\${logName}`;
  return { toolFolder, storePath, mode, configFiles, verbose, logFile };
}

/** A port failure as the step's result: USMT's own exit code, 50 for what cannot be done here. */
export function usmtFailure(e: unknown): StepResult {
  if (e instanceof UsmtError) return fail(e.exitCode, e.message);
  if (e instanceof TaskseqError) return fail(EXIT_NOT_SUPPORTED, e.message);
  throw e;
}
