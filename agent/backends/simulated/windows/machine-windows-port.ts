/** The WindowsPort of the simulated machine: installations read from and written to their volumes' state files. */
import { TaskseqError, type AdapterSettings, type WindowsInstallation, type WindowsPort } from '../../../../engine/index.ts';
import { lookupVolume, type SimulatedVolumes, type StorageHost } from '../disks/simulated-volumes.ts';
import { readText, splitVolumePath } from '../../host-files/volume-files.ts';
import { isResumeHook, resumeHookText, SETUP_COMPLETE_PATH } from './resume-hook.ts';
import { generalize, prepareClient } from './sysprep.ts';
import { holdsWindows, newWindowsState, readWindowsState, writeWindowsState, type WindowsState } from './windows-state.ts';

export interface WindowsHost {
  storage: StorageHost;
  volumes: SimulatedVolumes;
  architecture: string;
  /** The running Windows' drive in the full OS. */
  systemDrive(): string;
  /** The machine's current name, for an installation without a state file. */
  machineName(): string;
  /** The machine's adapters as the profile describes them. */
  adapters(): AdapterSettings[];
}

/**
 * The installation on a volume folder: its state file, or (for a Windows tree without one, such as a profile's seed
 * files) a set-up installation with default settings.
 */
export function loadInstallation(root: string, host: Pick<WindowsHost, 'architecture' | 'machineName'>): WindowsState | undefined {
  if (!holdsWindows(root)) return undefined;
  const saved = readWindowsState(root);
  if (saved) return saved;
  const state = newWindowsState({ caption: 'Microsoft Windows', version: '10.0.0', buildNumber: '0', architecture: host.architecture, osLanguage: 1033, productType: 1 });
  state.phase = 'specialized';
  state.computerName = host.machineName();
  return state;
}

function setupCompleteOf(root: string): WindowsInstallation['setupComplete'] {
  const text = readText(root, splitVolumePath(SETUP_COMPLETE_PATH));
  return text === undefined ? 'none' : isResumeHook(text) ? 'resume-hook' : 'custom';
}

export function toInstallation(drive: string, s: WindowsState, root: string): WindowsInstallation {
  return {
    drive, caption: s.identity.caption, version: s.identity.version,
    ...(s.identity.editionId ? { editionId: s.identity.editionId } : {}),
    architecture: s.identity.architecture, productType: s.identity.productType,
    generalized: s.phase === 'generalized', ...(s.computerName ? { computerName: s.computerName } : {}),
    membership: { ...s.membership },
    ...(s.registeredOwner ? { registeredOwner: s.registeredOwner } : {}),
    ...(s.registeredOrganization ? { registeredOrganization: s.registeredOrganization } : {}),
    timeZone: s.timeZone, oemProductKey: s.productKeyChannel === 'OEM', configMgrClient: s.configMgrClient.state,
    setupComplete: setupCompleteOf(root),
  };
}

function open(host: WindowsHost, drive: string): { root: string; state: WindowsState } {
  const ref = lookupVolume(host.storage, drive);
  const state = ref ? loadInstallation(ref.root, host) : undefined;
  if (!ref || !state) throw new TaskseqError('unsupported', `${drive} holds no Windows installation (no Windows\\System32)`);
  return { root: ref.root, state };
}

function openRunning(host: WindowsHost, what: string): { drive: string; root: string; state: WindowsState } {
  if (host.storage.inWinPE()) throw new TaskseqError('unsupported', `${what} needs the installed Windows running, not Windows PE`);
  const drive = host.systemDrive();
  return { drive, ...open(host, drive) };
}

export function createWindowsPort(host: WindowsHost): WindowsPort {
  const describe = (drive: string) => {
    const ref = lookupVolume(host.storage, drive);
    const state = ref ? loadInstallation(ref.root, host) : undefined;
    return ref && state ? toInstallation(ref.partition.letter ?? drive, state, ref.root) : undefined;
  };
  return {
    describe,
    running: () => (host.storage.inWinPE() ? undefined : describe(host.systemDrive())),
    stageClient({ drive, packageId, installProperties }) {
      const { root, state } = open(host, drive);
      state.configMgrClient = { state: 'staged', ...(packageId ? { packageId } : {}), ...(installProperties ? { installProperties } : {}) };
      writeWindowsState(root, state);
    },
    installResumeHook(drive) {
      open(host, drive);
      host.volumes.writeFile(drive, SETUP_COMPLETE_PATH, { content: resumeHookText() });
    },
    async generalize(request) {
      const { root, state } = openRunning(host, 'Sysprep');
      generalize(state, request);
      writeWindowsState(root, state);
    },
    async prepareClientForCapture() {
      const { drive, root, state } = openRunning(host, 'Preparing the ConfigMgr client for capture');
      const done = prepareClient(state, (path) => host.volumes.remove(drive, path));
      if (done) writeWindowsState(root, state);
      return done;
    },
    adapters() {
      const { state } = openRunning(host, 'Reading the network adapters');
      return (state.adapters ?? host.adapters()).map((a) => ({ ...a }));
    },
    async join(request) {
      const { root, state } = openRunning(host, 'Joining a domain or workgroup');
      if (request.kind === 'domain' && !request.account) throw new TaskseqError('unsupported', `joining domain ${request.name} needs an account`);
      state.membership = request.kind === 'workgroup' ? { kind: 'workgroup', name: request.name } : { kind: 'domain', name: request.name, ...(request.ou ? { ou: request.ou } : {}) };
      state.history.push(`join: ${request.kind} ${request.name}${request.ou ? ` in ${request.ou}` : ''}`);
      writeWindowsState(root, state);
    },
  };
}
