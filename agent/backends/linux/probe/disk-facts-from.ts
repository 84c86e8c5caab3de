/** The engine's view of the machine's disks ({@link DiskFacts}) from the block devices the probe read. */
import {
  TaskseqError, type DiskBus, type DiskFacts, type FileSystemKind, type PartitionFacts, type PartitionStyle,
} from '../../../../engine/index.ts';
import type { BlockDevice, BlockPartition } from '../block-device.ts';
import { gptRoleOf, mbrRoleOf } from '../../live/partition-roles.ts';

const BUS_OF_TRANSPORT: Readonly<Record<string, DiskBus>> = {
  usb: 'USB', nvme: 'NVMe', sata: 'SATA', ata: 'SATA', scsi: 'SCSI', sas: 'SCSI',
};

/**
 * Loop devices are `Virtual`; a transport lsblk does not report (virtio, some RAID and MMC controllers) or the
 * engine has no bus for reads as `SCSI`, as Windows' own storage drivers for them present the disks.
 */
function busOf(device: BlockDevice): DiskBus {
  if (device.kind === 'loop') return 'Virtual';
  return BUS_OF_TRANSPORT[device.transport?.toLowerCase() ?? ''] ?? 'SCSI';
}

function styleOf(device: BlockDevice): PartitionStyle {
  return device.tableType === 'gpt' ? 'GPT' : device.tableType === 'dos' ? 'MBR' : 'RAW';
}

/** `vfat` reads as FAT32 (the only FAT the engine knows); anything but FAT and NTFS reads as RAW, as Windows sees it. */
function fileSystemOf(fsType: string | undefined): FileSystemKind {
  if (fsType === 'ntfs') return 'NTFS';
  if (fsType === 'vfat') return 'FAT32';
  return 'RAW';
}

function partitionFacts(style: PartitionStyle, p: BlockPartition): PartitionFacts {
  const role = style === 'GPT' ? gptRoleOf(p.typeId, p.attributes) : mbrRoleOf(parseInt(p.typeId, 16), p.number);
  const facts: PartitionFacts = {
    number: p.number, role, offsetBytes: p.startBytes, sizeBytes: p.sizeBytes, active: style === 'MBR' && p.bootable,
  };
  // As on the simulated machine, every partition but MSR and Extended holds a volume, RAW when unformatted.
  if (role !== 'MSR' && role !== 'Extended') {
    facts.volume = { fileSystem: fileSystemOf(p.fsType), label: p.label ?? '', sizeBytes: p.sizeBytes, usedBytes: 0 };
  }
  return facts;
}

function sectorSizeOf(device: BlockDevice, index: number): DiskFacts['sectorSize'] {
  if (device.logicalSectorSize === 512 || device.logicalSectorSize === 4096) return device.logicalSectorSize;
  throw new TaskseqError('unsupported', `disk ${index} (${device.path}): logical sector size ${device.logicalSectorSize} bytes; Windows installs only to disks with 512 or 4096-byte sectors`);
}

/**
 * The engine's disk facts, one per device: the index is the position in `devices` (the order
 * `readBlockDevices` lists them in). Roles come from GPT type GUIDs and attributes or MBR type ids.
 *
 * What is not known here: no volume has a drive letter (the backend gives letters later, as the simulated machine
 * does), and `usedBytes` is always 0 (the probe does not measure how full a file system is).
 * @throws TaskseqError `unsupported` for a logical sector size other than 512 or 4096 bytes
 */
export function diskFactsFrom(devices: readonly BlockDevice[]): DiskFacts[] {
  return devices.map((device, index) => {
    const style = styleOf(device);
    return {
      index, sizeBytes: device.sizeBytes, sectorSize: sectorSizeOf(device, index), bus: busOf(device),
      removable: device.removable, model: device.model, serialNumber: device.serial, style,
      partitions: device.partitions.map((p) => partitionFacts(style, p)),
    };
  });
}
