/**
 * Our model of MBR2GPT, built into the simulated command runner. Preconditions: the disk is MBR; it has at most 3
 * partitions, all primary; one is active; and there is room for an EFI system partition: the active partition is not
 * the Windows volume and is at least 100 MiB (it becomes the ESP), or at least 100 MiB is unallocated (a new ESP goes
 * there). The partitions must also end before the disk's last MiB, where the backup GPT goes. `/convert` rewrites the
 * table as GPT with the same offsets, writes the boot files, adds a "Windows Boot Manager" boot entry and makes the
 * firmware switch to UEFI at the next restart. Exit codes: 0 success, 4 invalid command line (also: full OS without
 * /allowFullOS), 6 the disk does not satisfy the requirements.
 */
import { alignUp, CONVERSION_RESERVE_BYTES, convertibleEnd, MIB, PARTITION_ALIGNMENT, type CommandResult } from '../../../../engine/index.ts';
import { volumeFolderPath, type DiskState, type PartitionState } from './disk-state.ts';
import { writeDiskTable } from './disk-setup.ts';
import { WINDOWS_BOOT_MANAGER } from '../../../../engine/index.ts';
import { parseMbr2GptCommand, type Mbr2GptCommand } from './mbr2gpt-command.ts';
import type { StorageHost } from './simulated-volumes.ts';
import { findFolder, putFile, resetFolder, splitVolumePath } from '../../host-files/volume-files.ts';

const ESP_BYTES = 100 * MIB;
const TOOL = 'MBR2GPT';

type EspPlan = { reuse: PartitionState } | { offsetBytes: number; sizeBytes: number };

function holdsWindows(host: StorageHost, disk: DiskState, p: PartitionState): boolean {
  return findFolder(volumeFolderPath(host.stateDir, disk.index, p.number), splitVolumePath('Windows\\System32')) !== undefined;
}

/** The first unallocated gap of at least 100 MiB (aligned), or undefined. */
function freeGap(disk: DiskState): { offsetBytes: number; sizeBytes: number } | undefined {
  const sorted = [...disk.partitions].sort((a, b) => a.offsetBytes - b.offsetBytes);
  let cursor = PARTITION_ALIGNMENT;
  const end = convertibleEnd(disk.sizeBytes);
  for (const bound of [...sorted.map((p) => ({ start: p.offsetBytes, next: p.offsetBytes + p.sizeBytes })), { start: end, next: end }]) {
    if (bound.start - cursor >= ESP_BYTES) return { offsetBytes: cursor, sizeBytes: ESP_BYTES };
    cursor = Math.max(cursor, alignUp(bound.next));
  }
  return undefined;
}

/** Why the disk cannot be converted, or how its ESP will be made. */
function planConversion(host: StorageHost, disk: DiskState): { esp: EspPlan } | { reason: string } {
  const d = `Disk ${disk.index}`;
  if (disk.style !== 'MBR') return { reason: `${d} is ${disk.style === 'RAW' ? 'blank (no partition table)' : 'already GPT'}, not MBR` };
  if (disk.partitions.some((p) => p.role === 'Extended' || p.role === 'Logical')) {
    return { reason: `${d} has an extended partition; only primary partitions can be converted` };
  }
  if (disk.partitions.length > 3) return { reason: `${d} has ${disk.partitions.length} primary partitions; at most 3 are allowed` };
  const active = disk.partitions.find((p) => p.active);
  if (!active) return { reason: `${d} has no active partition (no system partition)` };
  if (disk.partitions.some((p) => p.offsetBytes + p.sizeBytes > disk.sizeBytes - CONVERSION_RESERVE_BYTES)) {
    return { reason: `${d} has no room for the backup GPT: a partition reaches into the last MiB of the disk` };
  }
  if (!holdsWindows(host, disk, active) && active.sizeBytes >= ESP_BYTES) return { esp: { reuse: active } };
  const gap = freeGap(disk);
  if (gap) return { esp: gap };
  return { reason: `${d} has no room for the EFI system partition: the active partition ${active.number} `
    + `${holdsWindows(host, disk, active) ? 'holds Windows' : 'is smaller than 100 MB'} and less than 100 MB is unallocated` };
}

function convert(host: StorageHost, disk: DiskState, esp: EspPlan): number {
  const partitions = disk.partitions.map((p) => ({ ...p, active: false }));
  let target: PartitionState;
  if ('reuse' in esp) {
    target = partitions.find((p) => p.number === esp.reuse.number)!;
  } else {
    target = { number: Math.max(0, ...partitions.map((p) => p.number)) + 1, role: 'EFI', offsetBytes: esp.offsetBytes,
      sizeBytes: esp.sizeBytes, active: false, fileSystem: 'FAT32', label: '' };
    partitions.push(target);
  }
  Object.assign(target, { role: 'EFI', fileSystem: 'FAT32', label: '' });
  delete target.letter;
  delete target.fixedLetter;
  writeDiskTable(host.stateDir, { ...disk, style: 'GPT', partitions });
  disk.style = 'GPT';
  disk.partitions = partitions;
  const root = volumeFolderPath(host.stateDir, disk.index, target.number);
  resetFolder(root);
  putFile(root, splitVolumePath(WINDOWS_BOOT_MANAGER), { content: 'simulated Windows Boot Manager\n' });
  putFile(root, splitVolumePath('EFI\\Microsoft\\Boot\\BCD'), { content: 'simulated boot configuration\n' });
  return target.number;
}

function register(host: StorageHost, disk: number, partition: number): void {
  const firmware = host.storage().firmware;
  firmware.bootEntries = [
    { description: 'Windows Boot Manager', disk, partition, path: WINDOWS_BOOT_MANAGER },
    ...firmware.bootEntries.filter((e) => e.disk !== disk),
  ];
  if (firmware.mode === 'BIOS') firmware.pendingMode = 'UEFI';
  host.save();
}

function run(host: StorageHost, command: Mbr2GptCommand): CommandResult {
  const index = command.disk ?? Math.min(...host.storage().disks.filter((d) => !d.removable).map((d) => d.index));
  const verb = command.action === 'validate' ? 'validate' : 'convert';
  const lines = [`${TOOL}: Attempting to ${verb} disk ${Number.isFinite(index) ? index : 0}`];
  const done = (exitCode: number, more: string[]) => ({ exitCode, output: [...lines, ...more].join('\n') + '\n' });
  if (!host.inWinPE() && !command.allowFullOS) {
    return done(4, [`${TOOL}: ERROR: ${TOOL} can only be used from Windows PE. Use /allowFullOS to override.`]);
  }
  const disk = host.storage().disks.find((d) => d.index === index);
  if (!disk) return done(6, [`${TOOL}: Cannot find disk ${index}`, `${TOOL}: Disk layout validation failed for disk ${index}`]);
  lines.push(`${TOOL}: Retrieving layout of disk`, `${TOOL}: Validating layout, disk sector size is: ${disk.sectorSize} bytes`);
  const plan = planConversion(host, disk);
  if ('reason' in plan) return done(6, [`${TOOL}: ${plan.reason}`, `${TOOL}: Disk layout validation failed for disk ${index}`]);
  if (command.action === 'validate') return done(0, [`${TOOL}: Validation completed successfully`]);
  lines.push(`${TOOL}: ${'reuse' in plan.esp ? 'Converting the system partition into' : 'Creating'} the EFI system partition`);
  const esp = convert(host, disk, plan.esp);
  register(host, disk.index, esp);
  return done(0, [`${TOOL}: Installing the new boot files`, `${TOOL}: Performing the layout conversion`,
    `${TOOL}: Adding the Windows Boot Manager boot entry`, `${TOOL}: Conversion completed successfully`,
    `${TOOL}: Before the new system can boot properly you need to switch the firmware to boot to UEFI mode!`]);
}

/**
 * The result of an MBR2GPT command line run on the machine, or undefined when `commandLine` is not MBR2GPT.
 * Conversion changes the disk, the boot entries and the pending firmware mode, and saves the state.
 */
export function runMbr2Gpt(host: StorageHost, commandLine: string): CommandResult | undefined {
  const command = parseMbr2GptCommand(commandLine);
  if (command === undefined) return undefined;
  if (command === 'invalid') {
    return { exitCode: 4, output: `${TOOL}: ERROR: Invalid command line: ${commandLine.trim()}\n`
      + `${TOOL}: Usage: MBR2GPT.exe /validate|/convert [/disk:<diskNumber>] [/logs:<logDirectory>] [/allowFullOS]\n` };
  }
  return run(host, command);
}
