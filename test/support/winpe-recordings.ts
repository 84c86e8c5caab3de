/**
 * Recorded output of a Windows PE PC for the winpe backend's end-to-end tests, in the documented formats: its disks
 * before and after a bare-metal layout (diskpart), what `diskpart /s` prints for that layout, DISM's `/Apply-Image`
 * progress and success, and DISM failing for want of space. Disk 1 is the USB stick the agent started from (D:).
 */
import { diskpartSession, type RecordedDisk, type RecordedPartition, type RecordedVolume } from '../../agent/backends/winpe/test-support/diskpart-recordings.ts';
import type { ReplayedCall } from '../../agent/backends/winpe/test-support/replay-runner.ts';

const MiB = 2 ** 20;
const GiB = 2 ** 30;

/** One bare-metal case: the PC's disks before and after, and the drive the OS goes to. */
export interface WinpeCase {
  firmware: 'UEFI' | 'BIOS';
  /** The machine profile the facts other than disks come from. */
  profile: string;
  before: RecordedDisk[];
  after: RecordedDisk[];
  /** Volumes on no disk the backend reads (none here; an optical drive would be one). */
  others: RecordedVolume[];
  layoutOutput: string;
  osDisk: string;
}

const STICK_VOLUME: RecordedVolume = { index: 0, letter: 'D:', label: 'TASKSEQ', fileSystem: 'FAT32', type: 'Removable', sizeBytes: 29 * GiB };
const STICK: RecordedDisk = {
  index: 1, model: 'SanDisk Ultra USB 3.0 USB Device', bus: 'USB', sizeBytes: 29 * GiB, gpt: false,
  partitions: [{ number: 1, kind: 'Primary', type: '0c', offsetBytes: MiB, sizeBytes: 29 * GiB - MiB, active: true, volume: STICK_VOLUME }],
};

const blank = (model: string, bus: string, sizeBytes: number): RecordedDisk => ({ index: 0, model, bus, sizeBytes, gpt: false, partitions: [] });

const NVME_BYTES = 476 * GiB;
/** The Windows partition the engine plans on the 476 GiB disk (99 % of what follows the EFI and MSR partitions). */
const UEFI_WINDOWS_MIB = 481_927;
const uefiPartitions: RecordedPartition[] = [
  { number: 1, kind: 'System', type: 'c12a7328-f81f-11d2-ba4b-00a0c93ec93b', offsetBytes: MiB, sizeBytes: 499 * MiB, hidden: true, attributes: '0X8000000000000000', volume: { index: 1, label: 'Boot', fileSystem: 'FAT32', type: 'Partition', sizeBytes: 499 * MiB, info: 'Hidden' } },
  { number: 2, kind: 'Reserved', type: 'e3c9e316-0b5c-4db8-817d-f92df00215ae', offsetBytes: 500 * MiB, sizeBytes: 128 * MiB, hidden: true, attributes: '0X8000000000000000' },
  { number: 3, kind: 'Primary', type: 'ebd0a0a2-b9e5-4433-87c0-68b6b72699c7', offsetBytes: 628 * MiB, sizeBytes: UEFI_WINDOWS_MIB * MiB, volume: { index: 2, letter: 'C:', label: 'Windows', fileSystem: 'NTFS', type: 'Partition', sizeBytes: UEFI_WINDOWS_MIB * MiB } },
  { number: 4, kind: 'Recovery', type: 'de94bba4-06d1-4d40-a16a-bfd50179d6ac', offsetBytes: (628 + UEFI_WINDOWS_MIB) * MiB, sizeBytes: NVME_BYTES - (629 + UEFI_WINDOWS_MIB) * MiB, hidden: true, attributes: '0X8000000000000001', volume: { index: 3, label: 'Recovery', fileSystem: 'NTFS', type: 'Partition', sizeBytes: NVME_BYTES - (629 + UEFI_WINDOWS_MIB) * MiB, info: 'Hidden' } },
];

const SATA_BYTES = 238 * GiB;
const BIOS_WINDOWS_MIB = 240_779;
const biosPartitions: RecordedPartition[] = [
  { number: 1, kind: 'Primary', type: '07', offsetBytes: MiB, sizeBytes: 499 * MiB, active: true, volume: { index: 1, letter: 'C:', label: 'System Reserved', fileSystem: 'NTFS', type: 'Partition', sizeBytes: 499 * MiB } },
  { number: 2, kind: 'Primary', type: '07', offsetBytes: 500 * MiB, sizeBytes: BIOS_WINDOWS_MIB * MiB, volume: { index: 2, letter: 'E:', label: 'Windows', fileSystem: 'NTFS', type: 'Partition', sizeBytes: BIOS_WINDOWS_MIB * MiB } },
  { number: 3, kind: 'Primary', type: '27', offsetBytes: (500 + BIOS_WINDOWS_MIB) * MiB, sizeBytes: SATA_BYTES - (501 + BIOS_WINDOWS_MIB) * MiB, hidden: true, volume: { index: 3, label: 'Recovery', fileSystem: 'NTFS', type: 'Partition', sizeBytes: SATA_BYTES - (501 + BIOS_WINDOWS_MIB) * MiB, info: 'Hidden' } },
];

/** What `diskpart /s` prints for a layout script, one message per command as diskpart words them. */
function layoutOutput(style: 'gpt' | 'mbr', formats: number): string {
  const created = 'DiskPart succeeded in creating the specified partition.';
  const formatted = '  100 percent completed\r\n\r\nDiskPart successfully formatted the volume.';
  return diskpartSession([
    'Disk 0 is now the selected disk.', 'DiskPart succeeded in cleaning the disk.', `DiskPart successfully converted the selected disk to ${style.toUpperCase()} format.`,
    ...Array.from({ length: formats }, () => [created, formatted]).flat(), 'DiskPart successfully assigned the drive letter or mount point.',
  ]);
}

export const WINPE_UEFI: WinpeCase = {
  firmware: 'UEFI', profile: 'uefi-desktop', others: [], osDisk: 'C:', layoutOutput: layoutOutput('gpt', 3),
  before: [blank('Samsung SSD 970 EVO Plus 500GB', 'NVMe', NVME_BYTES), STICK],
  after: [{ ...blank('Samsung SSD 970 EVO Plus 500GB', 'NVMe', NVME_BYTES), gpt: true, partitions: uefiPartitions }, STICK],
};

export const WINPE_BIOS: WinpeCase = {
  firmware: 'BIOS', profile: 'bios-desktop', others: [], osDisk: 'E:', layoutOutput: layoutOutput('mbr', 3),
  before: [blank('ST250DM000-1BD141', 'SATA', SATA_BYTES), STICK],
  after: [{ ...blank('ST250DM000-1BD141', 'SATA', SATA_BYTES), partitions: biosPartitions }, STICK],
};

const DISM_BANNER = '\r\nDeployment Image Servicing and Management tool\r\nVersion: 10.0.22621.1\r\n\r\nApplying image\r\n';
const bar = (percent: number) => {
  const text = `${percent.toFixed(1)}%`;
  const filled = Math.round(percent / 100 * 58);
  const cells = [...'='.repeat(filled).padEnd(58)];
  cells.splice(27 - Math.floor(text.length / 2), text.length, ...text);
  return `[${cells.join('')}]`;
};

/** DISM `/Apply-Image` succeeding, its bar redrawn with carriage returns as it goes. */
export function dismApply(): ReplayedCall {
  const bars = [0, 2, 5, 25, 40, 75, 100].map(bar).join('\r');
  return { stdout: `${DISM_BANNER}${bars}\r\nThe operation completed successfully.\r\n` };
}

/** DISM `/Apply-Image` stopping at 10 % because the volume is full (exit code 0x80070070). */
export const DISM_DISK_FULL = `${DISM_BANNER}${[0, 5, 10].map(bar).join('\r')}\r\n\r\nError: 112\r\n\r\nThere is not enough space on the disk.\r\n\r\nThe DISM log file can be found at X:\\Windows\\Logs\\DISM\\dism.log\r\n`;
