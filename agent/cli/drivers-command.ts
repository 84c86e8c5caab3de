/**
 * `taskseq drivers explain --machine M --catalog DIR [--os-version V] [--architecture A] [--signed-only] [--json]`:
 * for every device of the machine, the catalog drivers that match with their rank, the winner and why each other one
 * lost; devices with no driver are listed too. The same lines the driver steps write to their log.
 */
import { existsSync, statSync } from 'node:fs';
import { InvalidInputError } from '../../engine/index.ts';
import { buildDriverIndex } from '../../steps/shared/drivers/driver-index.ts';
import { explainDevice, explainDeviceJson } from '../../steps/shared/drivers/explain-lines.ts';
import { matchDevices } from '../../steps/shared/drivers/rank-drivers.ts';
import { selectMachine } from '../backends/select.ts';
import { readCatalogFolder } from '../drivers/driver-catalog.ts';
import { devicesFromProfile } from '../drivers/drivers-port.ts';
import type { CliIO } from './io.ts';
import { EXIT_OK } from './exit-codes.ts';

/** The Windows the explanation is for when `--os-version` is not given (Windows 11 23H2). */
export const DEFAULT_OS_VERSION = '10.0.22631';

function bad(field: string, message: string): never {
  throw new InvalidInputError(`drivers explain: ${message}`, [{ severity: 'error', code: 'bad-option', field, message }]);
}

/** `taskseq drivers explain` options as the command line gives them. */
export interface DriversExplainOptions {
  machine?: string; catalog?: string; osVersion?: string; architecture?: string; signedOnly?: boolean; json?: boolean;
}

/** Explains which catalog driver each device of the machine gets; 0 when it ran. */
export async function driversExplainCommand(values: DriversExplainOptions, io: CliIO): Promise<number> {
  const catalogDir = values.catalog;
  if (!catalogDir) bad('--catalog', '--catalog DIR is required (a folder with one subfolder per driver package)');
  if (!existsSync(catalogDir) || !statSync(catalogDir).isDirectory()) bad('--catalog', `catalog folder ${catalogDir} does not exist`);
  const { profile } = await selectMachine({ machine: values.machine });
  const version = values.osVersion ?? DEFAULT_OS_VERSION;
  if (!/^\d+\.\d+(\.\d+)*$/.test(version)) bad('--os-version', `--os-version must be dotted numbers like 10.0.22631 (got "${version}")`);
  const architecture = values.architecture ?? profile.system.architecture;
  if (!['x64', 'x86', 'arm64'].includes(architecture)) bad('--architecture', `--architecture must be x64, x86 or arm64 (got "${architecture}")`);
  const catalog = readCatalogFolder(catalogDir);
  const devices = devicesFromProfile(profile.pnpDevices);
  const matches = matchDevices(buildDriverIndex(catalog.infs, { architecture, version }), devices, { allowUnsigned: values.signedOnly !== true });
  const withDriver = matches.filter((m) => m.winner).length;
  if (values.json) {
    io.out(JSON.stringify({
      machine: profile.name, target: { architecture, version }, infs: catalog.infs.length, problems: catalog.problems,
      devices: matches.map(explainDeviceJson), withoutDriver: matches.filter((m) => !m.winner).map((m) => m.device.deviceId),
    }));
    return EXIT_OK;
  }
  io.out(`Machine ${profile.name}: ${devices.length} device(s); catalog ${catalogDir}: ${catalog.infs.length} INF(s); target Windows ${version} ${architecture}`);
  for (const p of catalog.problems) io.out(`Skipped malformed INF ${p.file} line ${p.line}: ${p.message}`);
  for (const m of matches) for (const line of explainDevice(m)) io.out(line);
  io.out(`${withDriver} device(s) with a driver, ${devices.length - withDriver} without`);
  return EXIT_OK;
}
