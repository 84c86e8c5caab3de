/**
 * The UserStatePort of the simulated machine: ScanState reads the users' profile folders and per-user settings of an
 * installation (the running one, or offline from Windows PE) into a store; LoadState puts them into the running
 * Windows. Store paths are local (`C:\...` on a simulated volume) or shares (`\\server\share\...`, kept under the
 * machine's state folder in `network\`). The profile's `commands` table can script ScanState or LoadState exit codes
 * (matched against the command line with secrets masked), so USMT failures can be simulated.
 */
import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync, closeSync, openSync, ftruncateSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { randomBytes } from 'node:crypto';
import { TaskseqError, UsmtError, type UserStatePort, type UserStateResult } from '../../../../engine/index.ts';
import type { CaptureUserStateRequest, RestoreUserStateRequest } from '../../../../engine/index.ts';
import { renderLoadState, renderScanState } from '../../windows/usmt-command.ts';
import { explainUsmtExitCode } from '../../windows/usmt-exit-codes.ts';
import { lookupVolume, type StorageHost } from '../disks/simulated-volumes.ts';
import { findEntry, splitVolumePath } from '../disks/volume-files.ts';
import type { CommandScript } from '../profile-types.ts';
import { loadInstallation } from '../windows/machine-windows-port.ts';
import { writeWindowsState, type UserProfileState, type WindowsState } from '../windows/windows-state.ts';
import { HARD_LINK_FOLDER, INLINE_LIMIT, readStore, writeCatalog, writeMigFile, type StoreCatalog, type StoredFile } from './state-store-file.ts';

export interface UsmtHost {
  storage: StorageHost;
  architecture: string;
  systemDrive(): string;
  machineName(): string;
  commands: readonly CommandScript[];
}

/** The host folder of a store path. @throws UsmtError 27 for a path on no volume */
export function storeFolder(host: UsmtHost, path: string): { root: string; volumeRoot?: string } {
  const unc = /^\\\\([^\\]+)\\(.+)$/.exec(path.trim());
  if (unc) return { root: join(host.storage.stateDir, 'network', unc[1].toLowerCase(), ...splitVolumePath(unc[2])) };
  const ref = lookupVolume(host.storage, path.slice(0, 2));
  if (!/^[A-Za-z]:\\/.test(path) || !ref) throw new UsmtError(27, `USMT returned 27 (USMT_INVALID_STORE_LOCATION): the store path ${path} is on no volume`);
  return { root: join(ref.root, ...splitVolumePath(path)), volumeRoot: ref.root };
}

function scriptedExit(host: UsmtHost, shown: string): number | undefined {
  const hit = host.commands.find((c) => new RegExp(c.match, 'i').test(shown));
  return hit ? hit.exitCode ?? 0 : undefined;
}

function filesBelow(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesBelow(join(folder, e.name)) : [join(folder, e.name)]));
}

const accountOf = (u: UserProfileState) => (u.domain ? `${u.domain}\\${u.name}` : u.name);

/** The users of an installation: declared ones, else the folders in `Users` other than Public and Default. */
function usersOf(state: WindowsState, volumeRoot: string): UserProfileState[] {
  if (state.users) return state.users;
  const users = findEntry(volumeRoot, ['Users']);
  const names = users ? readdirSync(users).filter((n) => !/^(public|default|default user|all users)$/i.test(n)) : [];
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

function collect(root: string, users: UserProfileState[], storeRoot: string, hardLink: boolean): StoredFile[] {
  const out: StoredFile[] = [];
  for (const u of users) {
    const folder = findEntry(root, splitVolumePath(u.profileFolder));
    for (const file of folder ? filesBelow(folder) : []) {
      const path = relative(root, file).split(sep).join('\\');
      const size = statSync(file).size;
      if (hardLink) {
        const link = join(storeRoot, ...HARD_LINK_FOLDER, ...path.split('\\'));
        mkdirSync(dirname(link), { recursive: true });
        if (!existsSync(link)) linkSync(file, link);
        out.push({ path, size });
      } else out.push({ path, size, ...(size <= INLINE_LIMIT ? { data: readFileSync(file).toString('base64') } : {}) });
    }
  }
  return out;
}

function writeFileAt(root: string, path: string, f: StoredFile, storeRoot: string, hardLink: boolean): void {
  const target = join(root, ...splitVolumePath(path));
  mkdirSync(dirname(target), { recursive: true });
  if (hardLink) {
    if (!existsSync(target)) linkSync(join(storeRoot, ...HARD_LINK_FOLDER, ...path.split('\\')), target);
  } else if (f.data !== undefined) writeFileSync(target, Buffer.from(f.data, 'base64'));
  else {
    const fd = openSync(target, 'w');
    try { ftruncateSync(fd, f.size); } finally { closeSync(fd); }
  }
}

function restoreInto(root: string, state: WindowsState, catalog: StoreCatalog, storeRoot: string, r: RestoreUserStateRequest): UserStateResult {
  const restored = catalog.users.filter((u) => u.domain || r.localAccountPassword !== undefined);
  const skipped = catalog.users.filter((u) => !restored.includes(u)).map(accountOf);
  const folders = restored.map((u) => u.profileFolder.toLowerCase() + '\\');
  const files = catalog.files.filter((f) => folders.some((p) => f.path.toLowerCase().startsWith(p)));
  for (const f of files) writeFileAt(root, f.path, f, storeRoot, catalog.hardLink);
  const others = (state.users ?? []).filter((u) => !restored.some((x) => x.name.toLowerCase() === u.name.toLowerCase()));
  state.users = [...others, ...restored.map((u) => ({ ...u, settings: { ...u.settings } }))];
  state.history.push(`loadstate: ${restored.map(accountOf).join(', ') || 'nobody'}`);
  writeWindowsState(root, state);
  return { users: restored.map(accountOf), files: files.length, skipped };
}

function writeLog(host: UsmtHost, logFile: string, lines: string[]): void {
  const ref = /^[A-Za-z]:\\/.test(logFile) ? lookupVolume(host.storage, logFile.slice(0, 2)) : undefined;
  if (!ref) return;
  const file = join(ref.root, ...splitVolumePath(logFile));
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, lines.join('\r\n') + '\r\n');
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
      mkdirSync(store.root, { recursive: true });
      const files = collect(root, users, store.root, r.hardLink);
      const catalog: StoreCatalog = { format: 'taskseq-usmt-store', hardLink: r.hardLink, ...(state.computerName ? { computerName: state.computerName } : {}), users, files };
      if (r.hardLink) writeCatalog(store.root, catalog);
      else writeMigFile(store.root, catalog, r.encryptionKey);
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
      const catalog = readStore(store.root, r.hardLink ? undefined : r.encryptionKey);
      const result = restoreInto(ref.root, state, catalog, store.root, r);
      writeLog(host, r.logFile, [shown, ...result.users.map((u) => `restored ${u}`), ...result.skipped.map((u) => `skipped local account ${u} (no /lac)`)]);
      return result;
    },
  };
}
