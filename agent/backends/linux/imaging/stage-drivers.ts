/**
 * Drivers for an applied Windows without DISM, which does not run on Linux: each accepted INF's folder is copied to
 * `Drivers\<n>` on the Windows volume, and those folders are named in the answer file's offlineServicing pass
 * (`Microsoft-Windows-PnpCustomizationsNonWinPE/DriverPaths`), so that Windows Setup adds them to the driver store
 * and installs them when the new Windows first starts.
 */
import { constants, copyFileSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import {
  ANSWER_FILE_PATH, TaskseqError, type AddDriversRequest, type AddDriversResult, type Architecture,
} from '../../../../engine/index.ts';
import { CATEGORIES_FILE } from '../../../drivers/driver-catalog.ts';
import { infFilesOf, infRefusal } from '../../../drivers/driver-staging-rules.ts';
import { addDriverPaths } from '../../../formats/unattend/driver-paths.ts';
import { readAnswerText, writeAnswerText } from './answer-file-text.ts';
import { folderOnVolume, resolveOnVolume } from '../../live/volume-path.ts';
import { requireDriveLetter } from '../../plan/command-plan.ts';

/** The folder at the volume's root that staged drivers go to, one numbered subfolder per driver folder. */
export const DRIVERS_FOLDER = 'Drivers';

/** The offline Windows the drivers are for. */
export interface DriverStagingTarget {
  /** Its drive letter in the run (`C:`): the driver paths in the answer file use it. */
  letter: string;
  /** The host folder the volume is mounted at (ntfs-3g, read-write). */
  mountPath: string;
  architecture: Architecture;
}

/**
 * Stages the drivers `request.paths` name into the offline Windows mounted at `target.mountPath`: INFs refused as
 * DISM would refuse them (malformed, no models for the architecture, unsigned without `forceUnsigned`) are returned
 * in `rejected`; the folder of each other INF is copied once to the next free `Drivers\<n>` (its files but the INFs
 * not accepted, and its subfolders that hold no INF of their own), which is its `storeFolder`, and named in
 * `Windows\Panther\unattend.xml`, made when absent. An answer file that does not parse changes nothing. `log`
 * receives what a step's log should say about it.
 * @throws TaskseqError('unsupported') when the volume holds no Windows or a path on it is a symbolic link;
 *   InvalidInputError for a driver path that does not exist or an answer file that does not parse
 */
export async function stageDrivers(
  request: AddDriversRequest, target: DriverStagingTarget, log: (line: string) => void = () => {},
): Promise<AddDriversResult> {
  const letter = requireDriveLetter(target.letter);
  const what = `cannot add drivers to ${letter}`;
  if (!resolveOnVolume(target.mountPath, 'Windows\\System32', what).exists) {
    throw new TaskseqError('unsupported', `${what}: it holds no offline Windows (no Windows\\System32)`);
  }
  const result: AddDriversResult = { added: [], rejected: [] };
  // Each accepted INF's folder, with the INF names accepted in it; the folder's other INFs are not copied.
  const folders = new Map<string, Set<string>>();
  for (const inf of [...new Set(request.paths.flatMap((p) => infFilesOf(p, request.recurse)))]) {
    const reason = infRefusal(inf, readFileSync(inf), target.architecture, request.forceUnsigned);
    if (reason) { result.rejected.push({ inf, reason }); continue; }
    const names = folders.get(dirname(inf)) ?? new Set<string>();
    folders.set(dirname(inf), names.add(basename(inf).toLowerCase()));
    result.added.push({ inf, storeFolder: '' });
  }
  if (request.additionalOptions?.trim()) {
    log(`The further DISM options "${request.additionalOptions.trim()}" are not used: DISM does not run on the Linux backend`);
  }
  if (folders.size === 0) return result;

  const first = nextDriverNumber(target.mountPath, what);
  const staged = new Map([...folders.keys()].map((folder, i) => [folder, first + i]));
  const storeFolder = (n: number) => `${letter}\\${DRIVERS_FOLDER}\\${n}`;
  for (const a of result.added) a.storeFolder = storeFolder(staged.get(dirname(a.inf))!);
  // The answer file is read and edited before anything is copied: one that does not parse changes nothing.
  const answerFile = `${letter}\\${ANSWER_FILE_PATH}`;
  const at = resolveOnVolume(target.mountPath, ANSWER_FILE_PATH, what);
  const before = at.exists ? readAnswerText(at.path) : undefined;
  const paths = [...staged.values()].map(storeFolder);
  const text = addDriverPaths(before?.text, paths, { architecture: target.architecture, file: answerFile });

  const drivers = folderOnVolume(target.mountPath, DRIVERS_FOLDER, what);
  for (const [folder, n] of staged) copyTree(folder, join(drivers, String(n)), folders.get(folder)!);
  folderOnVolume(target.mountPath, ANSWER_FILE_PATH.slice(0, ANSWER_FILE_PATH.lastIndexOf('\\')), what);
  writeAnswerText(at.path, text, before?.encoding);
  log(`Staged ${result.added.length} driver(s) for Windows Setup, not installed by DISM (which does not run on Linux): `
    + `copied to ${paths.join(', ')} and named in ${answerFile} (offlineServicing driver paths); `
    + 'Windows Setup adds them to the driver store when the new Windows first starts');
  return result;
}

/** The number after the highest numbered folder in `Drivers` (1 when there is none). */
function nextDriverNumber(root: string, what: string): number {
  const drivers = resolveOnVolume(root, DRIVERS_FOLDER, what);
  const taken = drivers.exists ? readdirSync(drivers.path).filter((name) => /^\d+$/.test(name)).map(Number) : [];
  return Math.max(0, ...taken) + 1;
}

/**
 * Copies a driver folder: its files but package metadata and the INFs not accepted (`infs`: the accepted names,
 * lower case), and the subfolders that hold no INF. A fresh folder cannot hold links, so copies into it (made here,
 * never overwriting) cannot be redirected.
 */
function copyTree(from: string, to: string, infs?: ReadonlySet<string>): void {
  mkdirSync(to);
  for (const name of readdirSync(from)) {
    const full = join(from, name);
    const st = statSync(full);
    const lower = name.toLowerCase();
    if (st.isDirectory()) {
      if (!holdsInf(full)) copyTree(full, join(to, name));
    } else if (st.isFile() && !(infs && (lower === CATEGORIES_FILE || (lower.endsWith('.inf') && !infs.has(lower))))) {
      copyFileSync(full, join(to, name), constants.COPYFILE_EXCL);
    }
  }
}

/** A subfolder with an INF anywhere below it is another driver's folder, staged (or refused) on its own. */
function holdsInf(folder: string): boolean {
  return readdirSync(folder).some((name) => {
    const full = join(folder, name);
    return statSync(full).isDirectory() ? holdsInf(full) : /\.inf$/i.test(name);
  });
}
