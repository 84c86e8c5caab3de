/** Hardware and environment facts the engine turns into built-in variables. */

export type MediaType = 'BootMedia' | 'FullMedia' | 'OEMMedia' | 'PXE';
export type Architecture = 'x64' | 'x86' | 'arm64';

export interface SystemFacts {
  make: string;
  model: string;
  serialNumber: string;
  uuid: string;
  assetTag?: string;
  /** SMBIOS chassis type numbers (e.g. 3 desktop, 10 notebook). */
  chassisTypes?: number[];
  /** Physical memory in MiB. */
  memoryMB: number;
  cpu: { name: string; speedMHz: number; cores: number };
  architecture: Architecture;
  macAddresses: string[];
  ipAddresses: string[];
  defaultGateways: string[];
}

export interface TimeZoneFacts {
  /** Minutes: UTC = local + bias. */
  bias: number;
  standardBias: number;
  daylightBias: number;
  standardName: string;
  daylightName: string;
  /** SYSTEMTIME fields of the change dates: year, month, dayOfWeek, day, hour, minute, second, ms. */
  standardDate: number[];
  daylightDate: number[];
}

/** Where and how the agent runs right now. Changes across reboots. */
export interface EnvironmentFacts {
  inWinPE: boolean;
  mediaType: MediaType;
  /** `SMS`, `UFD`, `UFD+FORMAT`, `CD`, `DVD`, `PXE`, `HD`. */
  launchMode: string;
  firmware: 'UEFI' | 'BIOS';
  /** Secure Boot state; `NA` on BIOS firmware. */
  secureBoot: 'Enabled' | 'Disabled' | 'NA';
  timeZone: TimeZoneFacts;
  /** An existing Windows found at start, e.g. `{ winDir: 'C:\\Windows', drive: 'C:' }`. */
  detectedWindows?: { winDir: string; drive: string };
  /** Local content cache path, only when one exists. */
  clientCache?: string;
  /** Engine working folder, e.g. `C:\_SMSTaskSequence` or `X:\sms\data`. */
  dataPath: string;
  /** Current log folder. */
  logPath: string;
  /** Computer name as the run reports it. */
  machineName: string;
}

export interface SystemInfoPort {
  facts(): SystemFacts;
  environment(): EnvironmentFacts;
}
