/** JSON schema (draft-07) parts of a machine profile that describe storage: disks, partitions, optical drives. */
import { DEFAULT_SECTOR_SIZE, SECTOR_SIZES } from '../../../../engine/index.ts';

const obj = (properties: Record<string, unknown>, required: string[] = []) => ({
  type: 'object', additionalProperties: false, properties, required,
});
const nonEmpty = (description: string) => ({ type: 'string', minLength: 1, description });
const LETTER = { type: 'string', pattern: '^[A-Za-z]:$', description: 'drive letter such as D:' };

const seedFile = obj({
  path: nonEmpty('path relative to the volume root, e.g. Windows\\System32\\ntoskrnl.exe'),
  sizeBytes: { type: 'integer', minimum: 0, description: 'bytes (a sparse file)' },
  content: { type: 'string', description: 'text content' },
}, ['path']);

const partition = obj({
  role: { enum: ['Primary', 'Hidden', 'EFI', 'MSR', 'Recovery'] },
  sizeMB: { type: 'integer', minimum: 1, description: 'MiB; absent = the rest of the disk (last partition only)' },
  fileSystem: { enum: ['NTFS', 'FAT32', 'RAW'], description: 'absent = RAW (not formatted)' },
  label: { type: 'string', maxLength: 32, description: 'volume label' },
  active: { type: 'boolean', description: 'MBR active (boot) flag' },
  letter: LETTER,
  files: { type: 'array', items: seedFile },
  folders: { type: 'array', items: nonEmpty('folder relative to the volume root') },
}, ['role']);

/** One physical disk. */
export const diskSchema = obj({
  index: { type: 'integer', minimum: 0, description: 'disk number' },
  sizeGB: { type: 'number', exclusiveMinimum: 0, description: 'decimal GB (10^9 bytes)' },
  sizeBytes: { type: 'integer', minimum: 1048576, description: 'bytes' },
  sectorSize: { enum: [...SECTOR_SIZES], description: `logical sector size, default ${DEFAULT_SECTOR_SIZE}` },
  bus: { enum: ['NVMe', 'SATA', 'SCSI', 'USB', 'Virtual'] },
  removable: { type: 'boolean', description: 'removable media (USB sticks), default false' },
  model: nonEmpty('Win32_DiskDrive.Model'),
  serialNumber: { type: 'string', description: 'Win32_DiskDrive.SerialNumber; seeds the disk ids' },
  style: { enum: ['MBR', 'GPT', 'RAW'], description: 'partition table, default RAW (blank)' },
  partitions: { type: 'array', items: partition },
}, ['index', 'bus', 'model', 'serialNumber']);

export const opticalDriveSchema = obj({ letter: LETTER });

export const bootEntrySchema = obj({
  description: nonEmpty('e.g. Windows Boot Manager'),
  disk: { type: 'integer', minimum: 0 },
  partition: { type: 'integer', minimum: 1 },
  path: nonEmpty('path on the partition, e.g. EFI\\Microsoft\\Boot\\bootmgfw.efi'),
}, ['description', 'disk', 'partition', 'path']);
