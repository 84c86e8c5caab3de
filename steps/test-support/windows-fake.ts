/** A scripted WindowsPort for step tests: installations by drive, calls recorded, anything unscripted throws. */
import { EXIT_NOT_SUPPORTED, PortRefusal, TaskseqError } from '../../engine/step-api.ts';
import type { AdapterSettings, GeneralizeRequest, JoinRequest, Ports, StageClientRequest, WindowsInstallation } from '../../engine/step-api.ts';

export interface WindowsFake {
  port: Ports['windows'];
  staged: StageClientRequest[];
  hooks: string[];
  generalized: GeneralizeRequest[];
  preparedClients: number;
  joins: JoinRequest[];
}

/** A set-up Windows 11 Enterprise on `drive`, changed by `over`. */
export function installation(drive: string, over: Partial<WindowsInstallation> = {}): WindowsInstallation {
  return {
    drive, caption: 'Microsoft Windows 11 Enterprise', version: '10.0.22631', editionId: 'Enterprise', architecture: 'x64',
    productType: 1, generalized: true, membership: { kind: 'workgroup', name: 'WORKGROUP' }, oemProductKey: false,
    configMgrClient: 'absent', setupComplete: 'none', ...over,
  };
}

/** `installations` by drive; `running` is the drive of the running Windows (full OS tests). */
export function createWindowsFake(installations: WindowsInstallation[], running?: string, adapters: AdapterSettings[] = []): WindowsFake {
  const fake: WindowsFake = { port: undefined as unknown as Ports['windows'], staged: [], hooks: [], generalized: [], preparedClients: 0, joins: [] };
  const find = (drive: string) => installations.find((w) => w.drive.toUpperCase() === drive.toUpperCase());
  const runningOne = () => {
    const w = running ? find(running) : undefined;
    if (!w) throw new Error('windows fake: no running Windows scripted');
    return w;
  };
  fake.port = {
    describe: (drive) => find(drive),
    running: () => (running ? find(running) : undefined),
    stageClient: (r) => { if (!find(r.drive)) throw new TaskseqError('unsupported', `no Windows on ${r.drive}`); fake.staged.push(r); },
    installResumeHook: (drive) => { fake.hooks.push(drive); },
    generalize: async (r) => {
      const w = runningOne();
      if (w.membership.kind === 'domain') throw new PortRefusal('unsupported', `Sysprep cannot generalize a computer joined to a domain (${w.membership.name})`, EXIT_NOT_SUPPORTED);
      fake.generalized.push(r);
    },
    prepareClientForCapture: async () => {
      const w = runningOne();
      if (w.configMgrClient !== 'installed') return false;
      fake.preparedClients += 1;
      return true;
    },
    adapters: () => {
      runningOne();
      return adapters;
    },
    join: async (r) => {
      runningOne();
      fake.joins.push(r);
    },
  };
  return fake;
}
