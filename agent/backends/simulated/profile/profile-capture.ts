/**
 * Captures a machine profile from the PC this agent runs on (read-only). The profile describes that PC booted from
 * boot media into WinPE, with its current Windows (when it runs Windows) as the installed OS.
 */
import { readPciDevices } from '../../../drivers/pci-devices.ts';
import { readFileSync } from 'node:fs';
import type * as si from 'systeminformation';
import type { Architecture } from '../../../../engine/index.ts';
import { parseChassisType } from './chassis-types.ts';
import { osArchitectureText } from '../machine/running-os.ts';
import type {
  BatteryProfile, DiskProfile, InstalledOsProfile, MachineProfile, NetworkAdapterProfile, ProfileSystem,
} from './profile-types.ts';
import { windowsZoneForIana } from './time-zones.ts';

interface Facts {
  system?: si.Systeminformation.SystemData;
  bios?: si.Systeminformation.BiosData;
  baseboard?: si.Systeminformation.BaseboardData;
  chassis?: si.Systeminformation.ChassisData;
  cpu?: si.Systeminformation.CpuData;
  mem?: si.Systeminformation.MemData;
  osInfo?: si.Systeminformation.OsData;
  network?: si.Systeminformation.NetworkInterfacesData[];
  uuid?: si.Systeminformation.UuidData;
  battery?: si.Systeminformation.BatteryData;
  disks?: si.Systeminformation.DiskLayoutData[];
}

const PLACEHOLDERS = new Set(['', '-', 'default string', 'to be filled by o.e.m.', 'system product name',
  'system manufacturer', 'not specified', 'not applicable', 'none', 'unknown', 'n/a']);
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ZERO_MAC = '00:00:00:00:00:00';

/** The first real value among `values`, or `fallback` when firmware left them all blank or generic. */
function known(fallback: string, ...values: Array<string | undefined | null>): string {
  const hit = values.find((v) => typeof v === 'string' && !PLACEHOLDERS.has(v.trim().toLowerCase()));
  return hit?.trim() ?? fallback;
}

/** Any failing source leaves its facts out; the profile then uses placeholders. */
async function gather(): Promise<Facts> {
  // Loaded on demand: it costs tens of milliseconds at start-up and only `--machine local` needs it.
  const si = await import('systeminformation');
  const soft = <T>(p: Promise<T>) => p.catch(() => undefined);
  const [system, bios, baseboard, chassis, cpu, mem, osInfo, network, uuid, battery, disks] = await Promise.all([
    soft(si.system()), soft(si.bios()), soft(si.baseboard()), soft(si.chassis()), soft(si.cpu()), soft(si.mem()),
    soft(si.osInfo()), soft(si.networkInterfaces()), soft(si.uuid()), soft(si.battery()), soft(si.diskLayout()),
  ]);
  return { system, bios, baseboard, chassis, cpu, mem, osInfo, network: Array.isArray(network) ? network : [],
    uuid, battery, disks };
}

function architectureOf(arch: string | undefined): Architecture {
  if (arch === 'ia32' || arch === 'x86') return 'x86';
  if (arch === 'arm64' || arch === 'aarch64') return 'arm64';
  return 'x64';
}

/** SMBIOS UUID, else the OS machine id shaped as a GUID, else all zeros. */
function captureUuid(f: Facts): string {
  const candidates = [f.system?.uuid, f.uuid?.hardware, f.uuid?.os].map((u) => (u ?? '').trim());
  for (const u of candidates) {
    if (GUID.test(u) && !/^0{8}-/.test(u)) return u.toUpperCase();
    if (/^[0-9a-f]{32}$/i.test(u)) return u.replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5').toUpperCase();
  }
  return '00000000-0000-0000-0000-000000000000';
}

function captureChassis(f: Facts): number[] {
  const type = parseChassisType(f.chassis?.type ?? '');
  if (type !== undefined) return [type];
  return f.battery?.hasBattery ? [10] : [2];
}

function captureSystem(f: Facts): ProfileSystem {
  const cpuName = [known('', f.cpu?.manufacturer), known('', f.cpu?.brand)].filter(Boolean).join(' ');
  const ghz = f.cpu?.speedMax || f.cpu?.speed || 0;
  return {
    make: known('Unknown', f.system?.manufacturer, f.baseboard?.manufacturer),
    model: known('Unknown', f.system?.model, f.baseboard?.model),
    serialNumber: known('Unknown', f.system?.serial, f.bios?.serial, f.chassis?.serial),
    uuid: captureUuid(f),
    assetTag: known('', f.chassis?.assetTag),
    chassisTypes: captureChassis(f),
    memoryMB: Math.max(1, Math.round((f.mem?.total ?? 0) / 1048576)),
    cpu: { name: cpuName || 'Unknown processor', speedMHz: Math.round(ghz * 1000) || 2000,
      cores: f.cpu?.physicalCores || f.cpu?.cores || 1 },
    architecture: architectureOf(f.osInfo?.arch ?? process.arch),
    biosVersion: known('', f.bios?.version),
    biosManufacturer: known('', f.bios?.vendor),
    baseBoardProduct: known('', f.baseboard?.model),
    productVersion: known('', f.system?.version),
    sku: known('', f.system?.sku),
  };
}

/** Prefix length of an IPv6 mask (`ffff:ffff:ffff:ffff::` -> 64), as Windows lists IPv6 subnets. */
function prefixLength(mask: string): string {
  const bits = mask.split(':').filter(Boolean).map((g) => parseInt(g, 16).toString(2).replace(/0/g, '').length);
  return String(bits.reduce((a, b) => a + b, 0));
}

function captureAdapter(n: si.Systeminformation.NetworkInterfacesData): NetworkAdapterProfile {
  const ipAddresses = [n.ip4, n.ip6].filter((a) => !!a);
  const subnetMasks = [n.ip4 ? n.ip4subnet : '', n.ip6 ? prefixLength(n.ip6subnet ?? '') : ''].filter((m) => !!m);
  return {
    name: known(n.iface, n.ifaceName, n.iface), macAddress: n.mac.toUpperCase(), ipAddresses, subnetMasks,
    gateways: [], dnsServers: [], dhcp: n.dhcp === true, ipEnabled: n.operstate === 'up' && ipAddresses.length > 0,
  };
}

function captureAdapters(f: Facts): NetworkAdapterProfile[] {
  return (f.network ?? [])
    .filter((n) => !n.internal && /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i.test(n.mac ?? '') && n.mac !== ZERO_MAC)
    .map(captureAdapter);
}

function captureBatteries(f: Facts): BatteryProfile[] {
  if (!f.battery?.hasBattery) return [];
  const charge = Math.min(100, Math.max(0, Math.round(f.battery.percent || 0)));
  return [{ name: known('Internal Battery', f.battery.model), chargePercent: charge, onAC: f.battery.acConnected }];
}

function busOf(type: string): DiskProfile['bus'] {
  return /nvme/i.test(type) ? 'NVMe' : /sata|ide|ata/i.test(type) ? 'SATA' : /usb/i.test(type) ? 'USB' : 'SCSI';
}

/** The disks, blank: their contents are not captured (only the Windows disk gets a bootable layout, see below). */
function captureDisks(f: Facts): DiskProfile[] {
  return (f.disks ?? []).filter((d) => d.size >= 1024 * 1024 * 1024).map((d, index) => ({
    index, sizeBytes: d.size - (d.size % 512), bus: busOf(d.interfaceType ?? ''), removable: busOf(d.interfaceType ?? '') === 'USB',
    model: known('Unknown disk', d.name, d.vendor), serialNumber: known('', d.serialNum), style: 'RAW',
  }));
}

/** A bootable layout for the running Windows on the first disk, as Windows Setup creates it for the firmware. */
function windowsLayout(disk: DiskProfile, uefi: boolean): void {
  const windows = { role: 'Primary' as const, fileSystem: 'NTFS' as const, label: 'Windows',
    files: [{ path: 'Windows\\System32\\ntoskrnl.exe' }] };
  disk.style = uefi ? 'GPT' : 'MBR';
  disk.partitions = uefi
    ? [{ role: 'EFI', sizeMB: 100, fileSystem: 'FAT32', files: [{ path: 'EFI\\Microsoft\\Boot\\bootmgfw.efi' }] },
      { role: 'MSR', sizeMB: 16 }, windows]
    : [{ role: 'Primary', sizeMB: 500, fileSystem: 'NTFS', label: 'System Reserved', active: true, files: [{ path: 'bootmgr' }] },
      windows];
}

/** The running Windows as the installed OS; nothing on other platforms. */
function captureOs(f: Facts, arch: Architecture): InstalledOsProfile | undefined {
  if (process.platform !== 'win32') return undefined;
  const release = /^\d+\.\d+\.\d+/.exec(f.osInfo?.release ?? '')?.[0] ?? '10.0.19045';
  const caption = known('Microsoft Windows', f.osInfo?.distro);
  return {
    caption, version: release, buildNumber: release.split('.')[2], osLanguage: 1033,
    osArchitecture: osArchitectureText(arch), productType: /server/i.test(caption) ? 3 : 1,
    systemDrive: /^[A-Za-z]:$/.test(process.env.SystemDrive ?? '') ? process.env.SystemDrive! : 'C:',
  };
}

/** Linux exposes the Secure Boot variable; its fifth byte is 1 when enforcing. Elsewhere: unknown, so off. */
function secureBootOn(): boolean {
  try {
    const v = readFileSync('/sys/firmware/efi/efivars/SecureBoot-8be4df61-93ca-11d2-aa0d-00e098032b8c');
    return v[4] === 1;
  } catch {
    return false;
  }
}

function hostName(f: Facts): string {
  return known('local', f.osInfo?.hostname).replace(/[^A-Za-z0-9._-]/g, '-').replace(/^[^A-Za-z0-9]+/, '') || 'local';
}

/**
 * A profile of this PC from systeminformation (system, bios, baseboard, chassis, cpu, mem, osInfo,
 * networkInterfaces, uuid, battery, diskLayout). Unknown values become placeholders (`Unknown`, zero UUID).
 */
export async function captureLocalProfile(): Promise<MachineProfile> {
  const f = await gather();
  const system = captureSystem(f);
  const os = captureOs(f, system.architecture);
  const uefi = f.osInfo?.uefi === true;
  const zone = windowsZoneForIana(Intl.DateTimeFormat().resolvedOptions().timeZone) ?? 'UTC';
  const now = new Date();
  const profile: MachineProfile = {
    name: `captured-${hostName(f)}`,
    description: `Captured from ${hostName(f)} on ${now.toISOString().slice(0, 10)}`,
    environment: { inWinPE: true, mediaType: 'BootMedia', launchMode: 'UFD', timeZone: zone },
    firmware: { mode: uefi ? 'UEFI' : 'BIOS', secureBoot: uefi && secureBootOn(), clock: now.toISOString() },
    system,
    network: { adapters: captureAdapters(f) },
    // Linux exposes PCI IDs in sysfs; elsewhere the profile has no PnP devices yet.
    pnpDevices: process.platform === 'linux' ? readPciDevices() : [],
    batteries: captureBatteries(f),
    disks: captureDisks(f),
    commands: [],
  };
  if (os) {
    profile.os = os;
    const first = profile.disks?.find((d) => !d.removable);
    if (first) {
      windowsLayout(first, uefi);
      if (uefi) profile.firmware.bootEntries = [{ description: 'Windows Boot Manager', disk: first.index, partition: 1, path: 'EFI\\Microsoft\\Boot\\bootmgfw.efi' }];
    }
  }
  return profile;
}
