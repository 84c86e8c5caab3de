/**
 * What the three driver steps share: finding the offline Windows to stage into (its version and architecture pick
 * the model sections), logging the catalog's malformed INFs, matching with the explanation in the step log, and
 * staging through the Imaging port.
 */
import { EXIT_FAILED, type DriverCatalog, type DriverInf, type StepContext, type StepResult } from '../../../engine/step-api.ts';
import { buildDriverIndex } from './driver-index.ts';
import { explainDevice } from './explain-lines.ts';
import { matchDevices, type DeviceMatch } from './rank-drivers.ts';
import type { TargetOs } from './target-platform.ts';

export interface StageTarget {
  /** `C:` */
  drive: string;
  os: TargetOs;
}

/** The variable Apply Operating System sets to the applied Windows volume. */
export const TARGET_DRIVE_VARIABLE = 'OSDTargetSystemDrive';

/** The applied, offline Windows named by `OSDTargetSystemDrive`, or the failure to report. */
export function stageTarget(ctx: StepContext): StageTarget | StepResult {
  const drive = ctx.vars.get(TARGET_DRIVE_VARIABLE)?.trim();
  if (!drive) {
    return { exitCode: EXIT_FAILED, message: `${TARGET_DRIVE_VARIABLE} is not set: drivers are staged into an applied Windows, so an Apply Operating System Image step must run first` };
  }
  const windows = ctx.ports.windows.describe(drive);
  if (!windows) return { exitCode: EXIT_FAILED, message: `${TARGET_DRIVE_VARIABLE}=${drive} holds no Windows installation to stage drivers into` };
  ctx.log.info(`Target Windows on ${drive}: ${windows.caption} ${windows.version} ${windows.architecture}`);
  return { drive, os: { architecture: windows.architecture, version: windows.version } };
}

/** Logs each malformed INF (skipped) with file and line. */
export function logCatalogProblems(ctx: StepContext, catalog: DriverCatalog): void {
  for (const p of catalog.problems) ctx.log.warn(`Skipped malformed INF ${p.file} line ${p.line}: ${p.message}`);
}

/** Matches every device against `infs`, writing each device's explanation to the step log. */
export function matchAndExplain(ctx: StepContext, infs: readonly DriverInf[], target: StageTarget, allowUnsigned: boolean): DeviceMatch[] {
  const devices = ctx.ports.drivers.devices();
  const matches = matchDevices(buildDriverIndex(infs, target.os), devices, { allowUnsigned });
  for (const m of matches) for (const line of explainDevice(m)) ctx.log.info(line);
  const found = matches.filter((m) => m.winner).length;
  ctx.log.info(`Matched ${devices.length} device(s) against ${infs.length} INF(s): ${found} with a driver, ${devices.length - found} without`);
  return matches;
}

/** The INFs to stage: each device's winner, or with `all` every usable candidate; unique, in catalog-id order. */
export function chosenInfs(matches: readonly DeviceMatch[], all: boolean): DriverInf[] {
  const byId = new Map<string, DriverInf>();
  for (const m of matches) {
    for (const c of all ? m.ranked : m.winner ? [m.winner] : []) byId.set(c.inf.id.toLowerCase(), c.inf);
  }
  return [...byId.values()].sort((a, b) => (a.id.toLowerCase() < b.id.toLowerCase() ? -1 : 1));
}

/**
 * Stages INFs (or whole folders) into the target Windows; logs what went where and what was refused.
 * @returns the failure to report, or undefined on success (refused INFs are warnings)
 */
export async function stage(ctx: StepContext, target: StageTarget, paths: string[], options: { recurse: boolean; forceUnsigned: boolean }): Promise<StepResult | undefined> {
  if (paths.length === 0) {
    ctx.log.info('No drivers to stage');
    return undefined;
  }
  const result = await ctx.ports.imaging.addDrivers({ target: target.drive, paths, ...options });
  for (const a of result.added) ctx.log.info(`Staged ${a.inf} into ${a.storeFolder}`);
  for (const r of result.rejected) ctx.log.warn(`Not staged: ${r.inf}: ${r.reason}`);
  ctx.log.info(`Staged ${result.added.length} driver(s) into the offline Windows on ${target.drive}${result.rejected.length ? `, ${result.rejected.length} refused` : ''}`);
  return undefined;
}
