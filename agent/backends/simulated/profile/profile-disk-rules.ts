/**
 * Cross-field rules of a profile's storage: unique disk indexes and letters, one size per disk, partitions that fit,
 * roles that suit the partition style, seed files the file system can hold, boot entries that point at partitions.
 */
import type { MachineProfile, DiskProfile, PartitionProfile } from './profile-types.ts';
import type { RuleFinding } from './rule-finding.ts';
import {
  checkPartitionLayout, convertibleEnd, DEFAULT_SECTOR_SIZE, exceedsFileLimit, MBR_MAX_PRIMARIES,
} from '../../../../engine/index.ts';
import { planProfilePartitions, profileDiskBytes } from '../disks/profile-layout.ts';

const NO_LETTER = new Set(['EFI', 'MSR', 'Recovery', 'Hidden']);

function checkDiskShape(d: DiskProfile, at: string, out: RuleFinding[]): void {
  if ((d.sizeGB === undefined) === (d.sizeBytes === undefined)) {
    out.push({ path: `${at}/sizeGB`, message: 'give exactly one of sizeGB and sizeBytes' });
  }
  const style = d.style ?? 'RAW';
  const parts = d.partitions ?? [];
  if (style === 'RAW' && parts.length > 0) out.push({ path: `${at}/partitions`, message: 'must be empty when /style is RAW' });
  if (style === 'MBR' && parts.length > MBR_MAX_PRIMARIES) out.push({ path: `${at}/partitions`, message: `an MBR disk holds at most ${MBR_MAX_PRIMARIES} primary partitions` });
  parts.forEach((p, i) => {
    if (p.sizeMB === undefined && i < parts.length - 1) {
      out.push({ path: `${at}/partitions/${i}/sizeMB`, message: 'only the last partition may take the rest of the disk' });
    }
    if (style === 'MBR' && p.role === 'MSR') out.push({ path: `${at}/partitions/${i}/role`, message: 'MSR partitions exist only on GPT disks' });
  });
}

function checkPartitionFit(d: DiskProfile, at: string, out: RuleFinding[]): void {
  if ((d.sizeGB === undefined) === (d.sizeBytes === undefined) || (d.style ?? 'RAW') === 'RAW') return;
  const sizeBytes = profileDiskBytes(d);
  const end = convertibleEnd(sizeBytes);
  const partitions = planProfilePartitions(d);
  // Table problems are left to the machine's table writer; profiles only add the free last MiB to the style's rules.
  const unformattable = checkPartitionLayout({ sizeBytes, sectorSize: d.sectorSize ?? DEFAULT_SECTOR_SIZE }, d.style === 'MBR' ? 'MBR' : 'GPT', partitions)
    .filter((x) => x.kind === 'format');
  partitions.forEach((p, i) => {
    const problem = unformattable.find((x) => x.number === p.number);
    if (p.offsetBytes + p.sizeBytes > end || p.sizeBytes <= 0) {
      out.push({ path: `${at}/partitions/${i}/sizeMB`, message: 'the partitions do not fit on the disk (1 MiB stays free at each end)' });
    } else if (problem) {
      out.push({ path: `${at}/partitions/${i}/fileSystem`, message: problem.reason });
    }
  });
}

function checkContent(p: PartitionProfile, at: string, out: RuleFinding[]): void {
  const fs = p.fileSystem ?? 'RAW';
  if (fs === 'RAW' && ((p.files ?? []).length > 0 || (p.folders ?? []).length > 0)) {
    out.push({ path: `${at}/files`, message: 'an unformatted (RAW) partition holds no files or folders' });
  }
  (p.files ?? []).forEach((f, i) => {
    if (/^[A-Za-z]:|^[\\/]|(^|[\\/])\.\.([\\/]|$)/.test(f.path)) {
      out.push({ path: `${at}/files/${i}/path`, message: 'must be relative to the volume root, without ..' });
    }
    if (f.sizeBytes !== undefined && f.content !== undefined) {
      out.push({ path: `${at}/files/${i}`, message: 'give sizeBytes or content, not both' });
    }
    if (exceedsFileLimit(fs, f.sizeBytes ?? 0)) {
      out.push({ path: `${at}/files/${i}/sizeBytes`, message: 'FAT32 cannot hold a file of 4 GiB or more' });
    }
  });
  if (p.letter && NO_LETTER.has(p.role)) out.push({ path: `${at}/letter`, message: `a ${p.role} partition gets no drive letter` });
}

function checkLetters(p: MachineProfile, out: RuleFinding[]): void {
  const seen = new Set<string>();
  const claim = (letter: string | undefined, path: string) => {
    if (!letter) return;
    const l = letter.toUpperCase();
    if (['A:', 'B:', 'X:'].includes(l)) out.push({ path, message: `${l} is reserved (floppy drives, the Windows PE RAM disk)` });
    else if (seen.has(l)) out.push({ path, message: `${l} is already used by another volume or drive` });
    seen.add(l);
  };
  (p.disks ?? []).forEach((d, i) => (d.partitions ?? []).forEach((x, j) => claim(x.letter, `/disks/${i}/partitions/${j}/letter`)));
  (p.opticalDrives ?? []).forEach((o, i) => claim(o.letter, `/opticalDrives/${i}/letter`));
}

function checkBootEntries(p: MachineProfile, out: RuleFinding[]): void {
  (p.firmware.bootEntries ?? []).forEach((e, i) => {
    const disk = (p.disks ?? []).find((d) => d.index === e.disk);
    if (!disk) out.push({ path: `/firmware/bootEntries/${i}/disk`, message: `no disk ${e.disk} in /disks` });
    else if (!(disk.partitions ?? [])[e.partition - 1]) {
      out.push({ path: `/firmware/bootEntries/${i}/partition`, message: `disk ${e.disk} has no partition ${e.partition}` });
    }
  });
}

/** Findings about `disks`, `opticalDrives` and `firmware.bootEntries`. */
export function checkStorage(p: MachineProfile, out: RuleFinding[]): void {
  const seen = new Set<number>();
  (p.disks ?? []).forEach((d, i) => {
    if (seen.has(d.index)) out.push({ path: `/disks/${i}/index`, message: `duplicates disk index ${d.index}` });
    seen.add(d.index);
    checkDiskShape(d, `/disks/${i}`, out);
    checkPartitionFit(d, `/disks/${i}`, out);
    (d.partitions ?? []).forEach((x, j) => checkContent(x, `/disks/${i}/partitions/${j}`, out));
  });
  checkLetters(p, out);
  checkBootEntries(p, out);
}
