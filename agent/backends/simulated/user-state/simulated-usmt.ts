/**
 * The UserStatePort of the simulated machine: ScanState reads the users' profile folders and per-user settings of an
 * installation (the running one, or offline from Windows PE) into a store; LoadState puts them into the running
 * Windows. Store paths are local (`C:\...` on a simulated volume) or shares (`\\server\share\...`, kept under the
 * machine's state folder in `network\`). The profile's `commands` table can script ScanState or LoadState exit codes
 * (matched against the command line with secrets masked), so USMT failures can be simulated.
 */
import { linkSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { randomBytes } from 'node:crypto';
import { InvalidInputError, TaskseqError, UsmtError, type UserStatePort, type UserStateResult } from '../../../../engine/index.ts';
import type { CaptureUserStateRequest, RestoreUserStateRequest } from '../../../../engine/index.ts';
import { renderLoadState, renderScanState } from '../../../renderers/windows/usmt-command.ts';
import { explainUsmtExitCode } from '../../../renderers/windows/usmt-exit-codes.ts';
import { lookupVolume, type StorageHost } from '../disks/simulated-volumes.ts';
import { findFolder, placeFor, putFile, splitVolumePath } from '../../host-files/volume-files.ts';
import { confinedJoin, isInside, parseWindowsPath } from '../../host-files/path-confinement.ts';
import { checkNoLinks, entryKind, makeFoldersNoFollow, walkNoFollow, writeFileNoFollow } from '../../host-files/no-follow.ts';
import type { CommandScript } from '../profile/profile-types.ts';
import { loadInstallation } from '../windows/machine-windows-port.ts';
import { writeWindowsState, type UserProfileState, type WindowsState } from '../windows/windows-state.ts';
import {
  HARD_LINK_FOLDER, INLINE_LIMIT, readStore, writeCatalog, writeMigFile, type StoreCatalog, type StoredFile, type StoreFolder,
} from './state-store-file.ts';

export interface UsmtHost {
  storage: StorageHost;
  architecture: string;
  systemDrive(): string;
  machineName(): string;
  commands: readonly CommandScript[];
}

/** The variable every store path comes from (Request State Store sets it for a state migration point). */
const STORE_FIELD = 'OSDStateStorePath';

/**
 * The host folder of a store path, through the confinement rule: a share `\\server\share\...` is a folder below
 * the machine's `network` folder, a drive path a folder of that volume; either way it stays inside that root.
 * @throws InvalidInputError naming OSDStateStorePath for a path the rule refuses; UsmtError 27 for a path on no volume
 */
export function storeFolder(host: UsmtHost, path: string): StoreFolder & { volumeRoot?: string } {
  const where = parseWindowsPath(path, STORE_FIELD);
  if (where.kind === 'share') {
    const network = join(host.storage.stateDir, 'network');
    return { root: confinedJoin(network, [where.server.toLowerCase(), where.share, ...where.segments], STORE_FIELD, path), within: network };
  }
  const ref = lookupVolume(host.storage, where.letter);
  if (!ref) throw new UsmtError(27, `USMT returned 27 (USMT_INVALID_STORE_LOCATION): the store path ${path} is on no volume`);
  const root = placeFor(ref.root, where.segments);
  if (!isInside(ref.root, root)) throw new InvalidInputError(`${STORE_FIELD} ${path}: the path leads outside its volume`);
  return { root, within: ref.root, volumeRoot: ref.root };
}

function scriptedExit(host: UsmtHost, shown: string): number | undefined {
  const hit = host.commands.find((c) => new RegExp(c.match, 'i').test(shown));
  return hit ? hit.exitCode ?? 0 : undefined;
}

const accountOf = (u: UserProfileState) => (u.domain ? `${u.domain}\\${u.name}` : u.name);

/** The users of an installation: declared ones, else the folders in `Users` other than Public and Default. */
function usersOf(state: WindowsState, volumeRoot: string): UserProfileState[] {
  if (state.users) return state.users;
  const users = findFolder(volumeRoot, ['Users']);
  const names = users
    ? readdirSync(users).filter((n) => !/^(public|default|default user|all users)$/i.test(n) && entryKind(join(users, n)) === 'folder')
    : [];
  return names.map((name) => ({ name, profileFolder: `Users\\${name}`, settings: {} }));
}

function source(host: UsmtHost, r: CaptureUserStateRequest): { root: string; state: WindowsState } {
  const inWinPE = host.storage.inWinPE();
  if (inWinPE && !r.offlineWindowsDirectory) throw new TaskseqError('unsupported', 'ScanState in Windows PE needs offline mode (the installed Windows is not running)');
  if (!inWinPE && r.offlineWindowsDirectory) throw new TaskseqError('unsupported', 'offline capture runs only in Windows PE');
  const drive = r.offlineWindowsDirectory ? r.offlineWindowsDirectory.slice(0, 2) : host.systemDrive();
  const ref = lookupVolume(host.storage, drive);
  const state = ref ? loadInstallation(ref.root, { architecture: host.architecture, machineName: host.machineName }) : undefined;
  if (!ref || !state) throw new UsmtError(71, explainUsmtExitCode('ScanState', 71) + ` (${drive} holds no Windows)`);
  return { root: ref.root, state };
}

/** Makes `link` a hard link to `file`, creating its folders below `within` without following links. */
function hardLinkInto(within: string, file: string, link: string, what: string): void {
  makeFoldersNoFollow(within, dirname(link), what);
  checkNoLinks(within, link, what);
  // link() never follows the new name: an existing entry (file or link) stays as it is.
  if (entryKind(link) === undefined) linkSync(file, link);
}

function collect(root: string, users: UserProfileState[], store: StoreFolder, hardLink: boolean): StoredFile[] {
  const out: StoredFile[] = [];
  for (const u of users) {
    const folder = findFolder(root, splitVolumePath(u.profileFolder, 'user profile folder'));
    // Only regular files migrate: a link in a profile is neither followed nor stored (see docs/user-state.md).
    for (const entry of folder ? walkNoFollow(folder).filter((e) => e.kind === 'file') : []) {
      const path = relative(root, entry.path).split(sep).join('\\');
      if (hardLink) {
        hardLinkInto(store.within, entry.path, join(store.root, ...HARD_LINK_FOLDER, ...path.split('\\')), path);
        out.push({ path, size: entry.size });
      } else out.push({ path, size: entry.size, ...(entry.size <= INLINE_LIMIT ? { data: readFileSync(entry.path).toString('base64') } : {}) });
    }
  }
  return out;
}

function writeFileAt(root: string, path: string, f: StoredFile, store: StoreFolder, hardLink: boolean): void {
  // The catalog is data read back from the store: its paths go through the same rule as any other.
  const segments = splitVolumePath(path, 'user state store entry');
  const target = placeFor(root, segments);
  if (hardLink) hardLinkInto(root, confinedJoin(store.root, [...HARD_LINK_FOLDER, ...segments], 'user state store entry', path), target, path);
  else writeFileNoFollow(root, target, f.data !== undefined ? Buffer.from(f.data, 'base64') : { sizeBytes: f.size }, path);
}

function restoreInto(root: string, state: WindowsState, catalog: StoreCatalog, store: StoreFolder, r: RestoreUserStateRequest): UserStateResult {
  const restored = catalog.users.filter((u) => u.domain || r.localAccountPassword !== undefined);
  const skipped = catalog.users.filter((u) => !restored.includes(u)).map(accountOf);
  const folders = restored.map((u) => u.profileFolder.toLowerCase() + '\\');
  const files = catalog.files.filter((f) => folders.some((p) => f.path.toLowerCase().startsWith(p)));
  for (const f of files) writeFileAt(root, f.path, f, store, catalog.hardLink);
  const others = (state.users ?? []).filter((u) => !restored.some((x) => x.name.toLowerCase() === u.name.toLowerCase()));
  state.users = [...others, ...restored.map((u) => ({ ...u, settings: { ...u.settings } }))];
  state.history.push(`loadstate: ${restored.map(accountOf).join(', ') || 'nobody'}`);
  writeWindowsState(root, state);
  return { users: restored.map(accountOf), files: files.length, skipped };
}

function writeLog(host: UsmtHost, logFile: string, lines: string[]): void {
  const ref = /^[A-Za-z]:\\/.test(logFile) ? lookupVolume(host.storage, logFile.slice(0, 2)) : undefined;
  if (!ref) return;
  putFile(ref.root, splitVolumePath(logFile, 'USMT log file'), { content: lines.join('\r\n') + '\r\n' });
}

export function createSimulatedUsmt(host: UsmtHost): Omit<UserStatePort, 'requestStore' | 'releaseStore'> {
  return {
    async capture(request) {
      let r = request;
      const key = r.hardLink ? undefined : r.encryptionKey ?? randomBytes(24).toString('base64url');
      r = { ...r, ...(key ? { encryptionKey: key } : {}) };
      const shown = renderScanState(r).shown.join(' ');
      const scripted = scriptedExit(host, shown);
      if (scripted !== undefined && scripted !== 0) throw new UsmtError(scripted, explainUsmtExitCode('ScanState', scripted));
      const { root, state } = source(host, r);
      const store = storeFolder(host, r.storePath);
      if (r.hardLink && store.volumeRoot !== root) throw new UsmtError(27, `ScanState returned 27 (USMT_INVALID_STORE_LOCATION): a hard-link store must be on the volume it captures (${r.storePath})`);
      const users = usersOf(state, root);
      makeFoldersNoFollow(store.within, store.root, r.storePath);
      const files = collect(root, users, store, r.hardLink);
      const catalog: StoreCatalog = { format: 'taskseq-usmt-store', hardLink: r.hardLink, ...(state.computerName ? { computerName: state.computerName } : {}), users, files };
      if (r.hardLink) writeCatalog(store, catalog);
      else writeMigFile(store, catalog, r.encryptionKey);
      writeLog(host, r.logFile, [shown, ...users.map((u) => `captured ${accountOf(u)}`), `${files.length} files`]);
      return { users: users.map(accountOf), files: files.length, skipped: [], ...(key && key !== request.encryptionKey ? { encryptionKey: key } : {}) };
    },
    async restore(r) {
      if (host.storage.inWinPE()) throw new TaskseqError('unsupported', 'LoadState needs the installed Windows running, not Windows PE');
      const shown = renderLoadState(r).shown.join(' ');
      const scripted = scriptedExit(host, shown);
      if (scripted !== undefined && scripted !== 0) throw new UsmtError(scripted, explainUsmtExitCode('LoadState', scripted));
      const drive = host.systemDrive();
      const ref = lookupVolume(host.storage, drive);
      const state = ref ? loadInstallation(ref.root, { architecture: host.architecture, machineName: host.machineName }) : undefined;
      if (!ref || !state) throw new TaskseqError('unsupported', `${drive} holds no Windows to restore into`);
      const store = storeFolder(host, r.storePath);
      const catalog = readStore(store, r.hardLink ? undefined : r.encryptionKey);
      const result = restoreInto(ref.root, state, catalog, store, r);
      writeLog(host, r.logFile, [shown, ...result.users.map((u) => `restored ${u}`), ...result.skipped.map((u) => `skipped local account ${u} (no /lac)`)]);
      return result;
    },
  };
}
