/** The mounted file systems, as `/proc/self/mountinfo` lists them. */
import { readFileSync } from 'node:fs';
import { TaskseqError } from '../../../engine/index.ts';

/** One line of mountinfo. */
export interface MountFact {
  /** `major:minor` of the device the file system reads (`8:2`; `0:45` for overlay, tmpfs and other virtual ones). */
  majorMinor: string;
  /** What was mounted: `/dev/sda2`, `/dev/loop5`, `overlay`, `tmpfs`. */
  source: string;
  mountPoint: string;
  fsType: string;
  /** The file system's own options (an overlay's `lowerdir=` and `upperdir=`). */
  superOptions: string;
}

/** Reads and parses the mount table (`/proc/self/mountinfo` unless a test gives another file). */
export function readMounts(path = '/proc/self/mountinfo'): MountFact[] {
  return parseMountInfo(readFileSync(path, 'utf8'));
}

/** Parses mountinfo text (proc(5)): fields up to the optional ones, a `-`, then type, source and super options. */
export function parseMountInfo(text: string): MountFact[] {
  return text.split('\n').filter((l) => l.trim() !== '').map((line) => {
    const fields = line.split(' ');
    const dash = fields.indexOf('-', 6);
    if (dash < 0 || fields.length < dash + 3) throw new TaskseqError('internal', `mountinfo: cannot read the line ${line}`);
    return {
      majorMinor: fields[2], mountPoint: unescape(fields[4]), fsType: fields[dash + 1],
      source: unescape(fields[dash + 2]), superOptions: fields[dash + 3] ?? '',
    };
  });
}

/** Mountinfo writes space, tab, newline and backslash as octal escapes (`\040`). */
function unescape(field: string): string {
  return field.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
}
