/** The machine step tests run on unless they say otherwise: facts and environment of a lab PC in a full OS. */
import type { EnvironmentFacts, SystemFacts } from '../../engine/step-api.ts';

export const FAKE_FACTS: SystemFacts = {
  make: 'Contoso Ltd.',
  model: 'Surface Lab 9000',
  serialNumber: 'SN-0042',
  uuid: '4C4C4544-0042-3010-8052-B4C04F4B4D32',
  assetTag: 'AT-7',
  memoryMB: 16384,
  cpu: { name: 'Lab CPU', speedMHz: 2400, cores: 8 },
  architecture: 'x64',
  macAddresses: ['00:15:5D:01:02:03', '00:15:5D:0A:0B:0C'],
  ipAddresses: ['10.1.2.3', 'fe80::1'],
  defaultGateways: ['10.1.2.1'],
};

export const FAKE_ENVIRONMENT: EnvironmentFacts = {
  inWinPE: false,
  mediaType: 'FullMedia',
  launchMode: 'UFD',
  firmware: 'UEFI',
  secureBoot: 'Enabled',
  timeZone: { bias: 0, standardBias: 0, daylightBias: -60, standardName: 'UTC', daylightName: 'UTC', standardDate: [], daylightDate: [] },
  dataPath: 'C:\\_SMSTaskSequence',
  logPath: 'C:\\_SMSTaskSequence\\Logs',
  machineName: 'LAB-01',
};
