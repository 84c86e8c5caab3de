/**
 * The machine profile: everything the simulated backend knows about one PC. The JSON schema in
 * `profile-schema.ts` describes the same shape; `docs/machine-profiles.md` explains every field.
 */
import type { MediaType, SectorSize, SystemFacts } from '../../../../engine/index.ts';

export type FirmwareMode = 'UEFI' | 'BIOS';
export type BootTarget = 'HD' | 'WinPE';
export type LaunchMode = 'SMS' | 'UFD' | 'UFD+FORMAT' | 'CD' | 'DVD' | 'PXE' | 'HD';
export type RegistryType =
  | 'REG_SZ' | 'REG_EXPAND_SZ' | 'REG_DWORD' | 'REG_MULTI_SZ' | 'REG_QWORD' | 'REG_BINARY' | 'REG_NONE';

export interface ProfileEnvironment {
  inWinPE: boolean;
  mediaType: MediaType;
  launchMode: LaunchMode;
  /** Defaults to `MININT-` plus the first characters of the serial number. */
  machineName?: string;
  /** Windows standard time zone name (`Pacific Standard Time`); defaults to `UTC`. */
  timeZone?: string;
}

export interface ProfileFirmware {
  mode: FirmwareMode;
  /** Only with UEFI; absent = false. */
  secureBoot?: boolean;
  /** ISO 8601 instant the virtual clock starts at. */
  clock: string;
  /** UEFI boot entries in boot order. */
  bootEntries?: BootEntryProfile[];
  /** A firmware switch due at the next restart (set by MBR2GPT or a TSUEFIDrive restart). */
  pendingMode?: 'UEFI';
}

export interface ProfileCpu {
  name: string;
  speedMHz: number;
  cores: number;
  /** `Win32_Processor.Architecture` code (0 x86, 9 x64, 12 arm64); derived from `system.architecture` when absent. */
  architecture?: number;
}

/** The engine's system facts as a profile states them, plus what WMI answers need. */
export interface ProfileSystem
  extends Pick<SystemFacts, 'make' | 'model' | 'serialNumber' | 'uuid' | 'assetTag' | 'chassisTypes' | 'memoryMB' | 'architecture'> {
  cpu: ProfileCpu;
  biosVersion?: string;
  /** `Win32_BIOS.Version` (OEM revision text such as `VRTUAL - 1`); defaults to `biosVersion`. */
  biosOemVersion?: string;
  biosManufacturer?: string;
  baseBoardProduct?: string;
  /** `Win32_ComputerSystemProduct.Version`, e.g. `ThinkPad T14 Gen 3`. */
  productVersion?: string;
  sku?: string;
}

export interface NetworkAdapterProfile {
  name: string;
  macAddress: string;
  ipAddresses?: string[];
  subnetMasks?: string[];
  gateways?: string[];
  dnsServers?: string[];
  dhcp?: boolean;
  ipEnabled?: boolean;
}

export interface PnpDeviceProfile {
  deviceId: string;
  name: string;
  class: string;
  hardwareIds?: string[];
  compatibleIds?: string[];
}

export interface BatteryProfile {
  name: string;
  /** Percent, 0-100. */
  chargePercent?: number;
  /** On mains power (BatteryStatus 2) or discharging (1); default true. */
  onAC?: boolean;
}

export type DiskBusProfile = 'NVMe' | 'SATA' | 'SCSI' | 'USB' | 'Virtual';
export type PartitionRoleProfile = 'Primary' | 'Hidden' | 'EFI' | 'MSR' | 'Recovery';

/** A file seeded into a volume: empty, of `sizeBytes` (sparse), or with text `content`. */
export interface SeedFileProfile {
  /** Relative to the volume root, e.g. `Windows\System32\ntoskrnl.exe`. */
  path: string;
  sizeBytes?: number;
  content?: string;
}

export interface PartitionProfile {
  role: PartitionRoleProfile;
  /** MiB; absent = the rest of the disk (only the last partition). */
  sizeMB?: number;
  /** Absent = RAW (not formatted). */
  fileSystem?: 'NTFS' | 'FAT32' | 'RAW';
  label?: string;
  /** MBR active (boot) flag. */
  active?: boolean;
  /** Drive letter the volume has when the machine starts (`D:`); otherwise assigned by the boot rules. */
  letter?: string;
  files?: SeedFileProfile[];
  /** Folders relative to the volume root. */
  folders?: string[];
}

export interface DiskProfile {
  index: number;
  /** Decimal gigabytes (10^9 bytes), as disks are sold; or give `sizeBytes`. */
  sizeGB?: number;
  sizeBytes?: number;
  /** Default 512. */
  sectorSize?: SectorSize;
  bus: DiskBusProfile;
  /** Default false. */
  removable?: boolean;
  model: string;
  serialNumber: string;
  /** Default RAW (blank, no partition table). */
  style?: 'MBR' | 'GPT' | 'RAW';
  partitions?: PartitionProfile[];
}

export interface OpticalDriveProfile {
  /** Fixed letter; absent = the next free letter after the volumes. */
  letter?: string;
}

/** A UEFI boot entry (NVRAM Boot####). */
export interface BootEntryProfile {
  description: string;
  disk: number;
  partition: number;
  /** Path on that partition, e.g. `EFI\Microsoft\Boot\bootmgfw.efi`. */
  path: string;
}

export interface FileEntry {
  version?: string;
  /** ISO 8601 UTC. */
  modified?: string;
}

export interface FolderEntry {
  modified?: string;
}

export interface RegistryEntry {
  type: RegistryType;
  data: string;
}

/** Registry key (with hive) -> value name (empty = default value) -> value. */
export type RegistryContent = Record<string, Record<string, RegistryEntry>>;

export interface InstalledProductProfile {
  productCode: string;
  upgradeCode?: string;
  name: string;
  version: string;
}

/** What a running Windows (installed or boot image) shows to conditions. */
export interface OsContent {
  files?: Record<string, FileEntry>;
  folders?: Record<string, FolderEntry>;
  registry?: RegistryContent;
}

export interface InstalledOsProfile extends OsContent {
  caption: string;
  /** Dotted, e.g. `10.0.22631`. */
  version: string;
  /** Defaults to the third part of `version`. */
  buildNumber?: string;
  /** LCID, e.g. 1033. */
  osLanguage: number;
  /** `64-bit`, `32-bit`, `ARM 64-bit Processor`. */
  osArchitecture: string;
  /** 1 client, 2 domain controller, 3 server. */
  productType: number;
  systemDrive: string;
  installedProducts?: InstalledProductProfile[];
  /** The installation's computer name (default: the environment's machine name in the full OS, else derived). */
  computerName?: string;
  /** Active Directory domain the machine is joined to (DNS name); without it the machine is in `workgroup`. */
  domain?: string;
  /** The computer account's OU as an LDAP path. */
  domainOU?: string;
  /** Workgroup name when not joined to a domain (default `WORKGROUP`). */
  workgroup?: string;
  registeredOwner?: string;
  registeredOrganization?: string;
  /** The users with a profile on the installation (their files live on the system volume's `Users\<name>`). */
  users?: UserProfile[];
}

export interface UserProfile {
  /** Account name, e.g. `alice`. */
  name: string;
  /** NetBIOS domain of a domain account (default: local account). */
  domain?: string;
  /** Inside the system volume (default `Users\<name>`). */
  profileFolder?: string;
  /** Per-user settings (values of the user's registry hive), name -> value. */
  settings?: Record<string, string>;
}

export interface WinPEProfile extends OsContent {
  caption?: string;
  version?: string;
  buildNumber?: string;
  osLanguage?: number;
}

export interface CommandScript {
  /** JavaScript regular expression source, tested case-insensitively. */
  match: string;
  exitCode?: number;
  output?: string;
  setVariables?: Record<string, string>;
  reboot?: BootTarget;
  retry?: boolean;
  /** Virtual seconds the command takes (default 1). */
  durationSeconds?: number;
  /** Match only the first N runs of this entry. */
  times?: number;
}

export interface MachineProfile {
  $schema?: string;
  name: string;
  description?: string;
  environment: ProfileEnvironment;
  firmware: ProfileFirmware;
  system: ProfileSystem;
  network?: { adapters: NetworkAdapterProfile[] };
  pnpDevices?: PnpDeviceProfile[];
  batteries?: BatteryProfile[];
  disks?: DiskProfile[];
  opticalDrives?: OpticalDriveProfile[];
  os?: InstalledOsProfile;
  winpe?: WinPEProfile;
  commands?: CommandScript[];
}
