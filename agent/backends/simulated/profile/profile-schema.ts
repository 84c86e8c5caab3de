/**
 * JSON schema (draft-07) of a machine profile. Cross-field rules that a schema says poorly (Secure Boot needs UEFI,
 * regular expressions compile, `os` is needed when starting in the full OS) live in `profile-rules.ts`.
 */
import { bootEntrySchema, diskSchema, opticalDriveSchema } from './profile-disk-schema.ts';
import { knownTimeZones } from './time-zones.ts';

const str = (description: string) => ({ type: 'string', description });
const nonEmpty = (description: string) => ({ type: 'string', minLength: 1, description });
const bool = (description: string) => ({ type: 'boolean', description });
const int = (description: string, minimum = 0) => ({ type: 'integer', minimum, description });
const strings = (description: string) => ({ type: 'array', items: { type: 'string' }, description });
const isoInstant = (description: string) => ({
  type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2})$', description,
});
const obj = (properties: Record<string, unknown>, required: string[] = []) => ({
  type: 'object', additionalProperties: false, properties, required,
});

const GUID = '^\\{?[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\\}?$';
const MAC = '^[0-9A-Fa-f]{2}([:-][0-9A-Fa-f]{2}){5}$';
const REGISTRY_TYPES = ['REG_SZ', 'REG_EXPAND_SZ', 'REG_DWORD', 'REG_MULTI_SZ', 'REG_QWORD', 'REG_BINARY', 'REG_NONE'];

const environment = obj({
  inWinPE: bool('true: the machine starts in the boot image; false: in the installed OS (needs `os`)'),
  mediaType: { enum: ['BootMedia', 'FullMedia', 'OEMMedia', 'PXE'], description: '_SMSTSMediaType' },
  launchMode: { enum: ['SMS', 'UFD', 'UFD+FORMAT', 'CD', 'DVD', 'PXE', 'HD'], description: '_SMSTSLaunchMode' },
  machineName: { type: 'string', minLength: 1, maxLength: 63, description: 'computer name' },
  timeZone: { enum: knownTimeZones(), description: 'Windows time zone name' },
}, ['inWinPE', 'mediaType', 'launchMode']);

const firmware = obj({
  mode: { enum: ['UEFI', 'BIOS'] },
  secureBoot: bool('Secure Boot on; only with UEFI'),
  clock: isoInstant('ISO 8601 instant the virtual clock starts at'),
  bootEntries: { type: 'array', items: bootEntrySchema, description: 'UEFI boot entries in boot order' },
  pendingMode: { enum: ['UEFI'], description: 'firmware switch due at the next restart' },
}, ['mode', 'clock']);

const cpu = obj({
  name: nonEmpty('Win32_Processor.Name'),
  speedMHz: int('MHz', 1),
  cores: int('physical cores', 1),
  architecture: { enum: [0, 5, 6, 9, 12], description: 'Win32_Processor.Architecture code' },
}, ['name', 'speedMHz', 'cores']);

const system = obj({
  make: nonEmpty('manufacturer'), model: nonEmpty('model'), serialNumber: str('serial number'),
  uuid: { type: 'string', pattern: GUID, description: 'SMBIOS UUID' },
  assetTag: str('asset tag'),
  chassisTypes: { type: 'array', items: { type: 'integer', minimum: 1, maximum: 36 }, description: 'SMBIOS chassis' },
  memoryMB: int('physical memory, MiB', 1),
  cpu,
  architecture: { enum: ['x64', 'x86', 'arm64'] },
  biosVersion: str('Win32_BIOS.SMBIOSBIOSVersion'), biosOemVersion: str('Win32_BIOS.Version'),
  biosManufacturer: str('Win32_BIOS.Manufacturer'), baseBoardProduct: str('Win32_BaseBoard.Product'),
  productVersion: str('Win32_ComputerSystemProduct.Version'), sku: str('Win32_ComputerSystem.SystemSKUNumber'),
}, ['make', 'model', 'serialNumber', 'uuid', 'memoryMB', 'cpu', 'architecture']);

const adapter = obj({
  name: nonEmpty('adapter description'),
  macAddress: { type: 'string', pattern: MAC, description: 'MAC address, `AA:BB:CC:DD:EE:FF`' },
  ipAddresses: strings('IPv4/IPv6 addresses'), subnetMasks: strings('subnet masks'),
  gateways: strings('default gateways'), dnsServers: strings('DNS servers'),
  dhcp: bool('DHCP enabled'), ipEnabled: bool('TCP/IP bound and up'),
}, ['name', 'macAddress']);

const pnpDevice = obj({
  deviceId: nonEmpty('PnP instance id'), name: nonEmpty('friendly name'), class: nonEmpty('PNPClass'),
  hardwareIds: strings('hardware ids, most specific first'), compatibleIds: strings('compatible ids, in order'),
}, ['deviceId', 'name', 'class']);

const battery = obj({
  name: nonEmpty('Win32_Battery.Name'),
  chargePercent: { type: 'integer', minimum: 0, maximum: 100 },
  onAC: bool('on mains power'),
}, ['name']);

const osContent = {
  files: {
    type: 'object',
    additionalProperties: obj({ version: str('dotted file version'), modified: isoInstant('last write time') }),
  },
  folders: { type: 'object', additionalProperties: obj({ modified: isoInstant('last write time') }) },
  registry: {
    type: 'object',
    additionalProperties: {
      type: 'object',
      additionalProperties: obj({ type: { enum: REGISTRY_TYPES }, data: str('data as text') }, ['type', 'data']),
    },
  },
};

const installedProduct = obj({
  productCode: { type: 'string', pattern: GUID }, upgradeCode: { type: 'string', pattern: GUID },
  name: nonEmpty('product name'), version: nonEmpty('product version'),
}, ['productCode', 'name', 'version']);

const os = obj({
  caption: nonEmpty('Win32_OperatingSystem.Caption'),
  version: { type: 'string', pattern: '^\\d+\\.\\d+\\.\\d+$' },
  buildNumber: { type: 'string', pattern: '^\\d+$' },
  osLanguage: int('LCID', 1), osArchitecture: nonEmpty('64-bit, 32-bit, ARM 64-bit Processor'),
  productType: { enum: [1, 2, 3] },
  systemDrive: { type: 'string', pattern: '^[A-Za-z]:$' },
  ...osContent,
  installedProducts: { type: 'array', items: installedProduct },
  computerName: { type: 'string', pattern: '^[A-Za-z0-9-]{1,15}$', description: 'NetBIOS computer name' },
  domain: nonEmpty('Active Directory domain (DNS name) the machine is joined to'),
  domainOU: nonEmpty('computer account OU, LDAP://OU=...'),
  workgroup: { type: 'string', minLength: 1, maxLength: 15, description: 'workgroup when not in a domain' },
  registeredOwner: nonEmpty('registered owner'),
  registeredOrganization: nonEmpty('registered organisation'),
  users: {
    type: 'array',
    items: obj({
      name: { type: 'string', pattern: '^[^\\\\/:*?"<>|]{1,20}$', description: 'account name' },
      domain: nonEmpty('NetBIOS domain of a domain account'),
      profileFolder: nonEmpty('profile folder inside the system volume'),
      settings: { type: 'object', additionalProperties: { type: 'string' } },
    }, ['name']),
  },
}, ['caption', 'version', 'osLanguage', 'osArchitecture', 'productType', 'systemDrive']);

const winpe = obj({
  caption: nonEmpty('Win32_OperatingSystem.Caption in WinPE'),
  version: { type: 'string', pattern: '^\\d+\\.\\d+\\.\\d+$' },
  buildNumber: { type: 'string', pattern: '^\\d+$' },
  osLanguage: int('LCID', 1),
  ...osContent,
});

const command = obj({
  match: nonEmpty('regular expression source, case-insensitive'),
  exitCode: { type: 'integer' }, output: str('combined output'),
  setVariables: { type: 'object', additionalProperties: { type: 'string' } },
  reboot: { enum: ['HD', 'WinPE'] }, retry: bool('sets SMSTSRetryRequested'),
  durationSeconds: { type: 'number', minimum: 0 }, times: int('matches only the first N runs', 1),
}, ['match']);

/** The machine profile schema (draft-07). */
export const profileSchema = obj({
  $schema: str('editor hint, ignored'),
  name: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$', description: 'profile name' },
  description: str('one line for listings'),
  environment, firmware, system,
  network: obj({ adapters: { type: 'array', items: adapter } }, ['adapters']),
  pnpDevices: { type: 'array', items: pnpDevice },
  batteries: { type: 'array', items: battery },
  disks: { type: 'array', items: diskSchema },
  opticalDrives: { type: 'array', items: opticalDriveSchema },
  os,
  winpe,
  commands: { type: 'array', items: command },
}, ['name', 'environment', 'firmware', 'system']);
