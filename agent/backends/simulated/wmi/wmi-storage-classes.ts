/** Rows of the storage WMI classes (Win32_DiskDrive, Win32_LogicalDisk, Win32_Volume), built from the disks now. */
import type { DiskFacts, PartitionFacts, WmiRow } from '../../../../engine/index.ts';
import type { WmiView } from './wmi-hardware-classes.ts';

const INTERFACE = { NVMe: 'SCSI', SATA: 'IDE', SCSI: 'SCSI', USB: 'USB', Virtual: 'SCSI' } as const;
/** Win32_LogicalDisk.DriveType. */
const DRIVE_TYPE = { removable: 2, local: 3, cd: 5 } as const;
/** Size WMI shows for the Windows PE RAM disk X:. */
const RAM_DISK_BYTES = 512 * 1024 * 1024;

function mediaType(d: DiskFacts): string {
  if (d.removable) return 'Removable Media';
  return d.bus === 'USB' ? 'External hard disk media' : 'Fixed hard disk media';
}

export function diskDriveRows(v: WmiView): WmiRow[] {
  return v.disks.map((d) => ({
    Index: d.index, DeviceID: `\\\\.\\PHYSICALDRIVE${d.index}`, Model: d.model, Caption: d.model,
    InterfaceType: INTERFACE[d.bus], MediaType: mediaType(d), Size: d.sizeBytes, BytesPerSector: d.sectorSize,
    Partitions: d.partitions.length, SerialNumber: d.serialNumber,
  }));
}

type Volume = { disk: DiskFacts; partition: PartitionFacts };

function volumes(v: WmiView): Volume[] {
  return v.disks.flatMap((disk) => disk.partitions.filter((p) => p.volume).map((partition) => ({ disk, partition })));
}

function fileSystemOf(p: PartitionFacts): string | null {
  return p.volume?.fileSystem === 'RAW' ? null : p.volume?.fileSystem ?? null;
}

function freeOf(p: PartitionFacts): number | null {
  return p.volume && p.volume.fileSystem !== 'RAW' ? p.volume.sizeBytes - p.volume.usedBytes : null;
}

export function logicalDiskRows(v: WmiView): WmiRow[] {
  const rows: Array<WmiRow & { DeviceID: string }> = volumes(v).filter(({ partition }) => partition.volume?.letter)
    .map(({ disk, partition }) => ({
      DeviceID: partition.volume!.letter!, Caption: partition.volume!.letter!, Name: partition.volume!.letter!,
      DriveType: disk.removable ? DRIVE_TYPE.removable : DRIVE_TYPE.local, FileSystem: fileSystemOf(partition),
      Size: partition.volume!.fileSystem === 'RAW' ? null : partition.sizeBytes, FreeSpace: freeOf(partition),
      VolumeName: partition.volume!.label,
    }));
  for (const letter of v.opticalDrives) {
    rows.push({ DeviceID: letter, Caption: letter, Name: letter, DriveType: DRIVE_TYPE.cd, FileSystem: null, Size: null,
      FreeSpace: null, VolumeName: null });
  }
  if (v.inWinPE) {
    rows.push({ DeviceID: 'X:', Caption: 'X:', Name: 'X:', DriveType: DRIVE_TYPE.local, FileSystem: 'NTFS',
      Size: RAM_DISK_BYTES, FreeSpace: RAM_DISK_BYTES / 2, VolumeName: 'Boot' });
  }
  return rows.sort((a, b) => a.DeviceID.localeCompare(b.DeviceID));
}

export function volumeRows(v: WmiView): WmiRow[] {
  return volumes(v).map(({ disk, partition }) => ({
    DeviceID: `\\\\?\\Volume{disk${disk.index}-part${partition.number}}\\`,
    DriveLetter: partition.volume!.letter ?? null, Label: partition.volume!.label || null,
    FileSystem: fileSystemOf(partition), Capacity: partition.sizeBytes, FreeSpace: freeOf(partition),
    DriveType: disk.removable ? DRIVE_TYPE.removable : DRIVE_TYPE.local,
    BootVolume: false, SystemVolume: partition.role === 'EFI' || partition.active,
  }));
}
