/**
 * Which disks a run on the Windows backend may touch (pure; the Linux backend's rules, read from diskpart's facts).
 * Whatever the options say, a run never touches: the disk the running Windows booted from (`Boot Disk : Yes`; in
 * Windows PE no disk is, as X: is a RAM disk), the disk holding the agent's own files or the media it started from,
 * a disk in use (a volume holding the page file, hibernation file or crash dump, or diskpart's `Boot`/`System`/
 * `Pagefile` volume of the running Windows), a read-only disk, or removable media that `--target-disk` does not name.
 * A drive letter alone is not "in use": Windows PE gives every volume it finds a letter, the old Windows' C: too.
 */
import { TaskseqError } from '../../../engine/index.ts';
import type { TargetRequest } from '../live/target-request.ts';
import type { WindowsDisk } from './diskpart/read-disks.ts';

/** What the agent knows of itself. */
export interface WindowsSafetyFacts {
  /** Drive letters holding the agent's files, its state folder or the media it started from (`D:`). */
  agentDrives: readonly string[];
}

export interface WindowsRefusal {
  /** `disk 1`, or the option value when it names no disk. */
  disk: string;
  reason: string;
}

export type WindowsTargetDecision = { allowed: WindowsDisk[] } | { refusals: WindowsRefusal[] };

const IN_USE_INFO = new Set(['boot', 'system', 'pagefile', 'hibernate', 'crashdump']);

function reasonsFor(disk: WindowsDisk, explicit: boolean, facts: WindowsSafetyFacts): string[] {
  const reasons: string[] = [];
  if (disk.detail.bootDisk) reasons.push('the running Windows booted from it (diskpart: Boot Disk: Yes)');
  const agent = disk.volumes.filter((v) => v.letter && facts.agentDrives.some((d) => d.toUpperCase() === v.letter));
  if (agent.length) reasons.push(`it holds the agent's own files or media (${agent.map((v) => v.letter).join(', ')})`);
  for (const what of disk.detail.systemFiles) reasons.push(`it is in use: it holds ${what}`);
  for (const v of disk.volumes.filter((x) => IN_USE_INFO.has(x.info.toLowerCase()))) {
    reasons.push(`it is in use: volume ${v.index}${v.letter ? ` (${v.letter})` : ''} is the running Windows' ${v.info} volume`);
  }
  if (disk.facts.removable && !explicit) reasons.push('removable media: --yes does not accept it; name it with --target-disk to use it');
  if (disk.detail.readOnly) reasons.push('it is read-only');
  return [...new Set(reasons)];
}

function machineDisks(disks: readonly WindowsDisk[]): string {
  return disks.length ? `the machine has disks ${disks.map((d) => d.facts.index).join(', ')}` : 'the machine has no disks';
}

/** The disks `request` names (diskpart numbers, or `\\.\PhysicalDriveN`), and the values that name none. */
function select(disks: readonly WindowsDisk[], request: TargetRequest): { selected: Array<{ disk: WindowsDisk; explicit: boolean }>; refusals: WindowsRefusal[] } {
  const selected: Array<{ disk: WindowsDisk; explicit: boolean }> = [];
  const refusals: WindowsRefusal[] = [];
  const byNumber = (n: number) => disks.find((d) => d.facts.index === n);
  const add = (disk: WindowsDisk, explicit: boolean) => { if (!selected.some((s) => s.disk === disk)) selected.push({ disk, explicit }); };
  if (request.targetDisks.length) {
    for (const value of request.targetDisks) {
      const m = /^(?:\\\\\.\\PhysicalDrive)?(\d+)$/i.exec(value);
      const disk = m ? byNumber(Number(m[1])) : undefined;
      if (disk) add(disk, true);
      else refusals.push({ disk: `--target-disk ${value}`, reason: m ? `no such disk: ${machineDisks(disks)}` : 'not a disk number (diskpart\'s, as in `list disk`)' });
    }
  } else if (request.yes) {
    for (const n of new Set(request.sequenceDisks ?? [])) {
      const disk = byNumber(n);
      if (disk) add(disk, false);
      else refusals.push({ disk: `disk ${n}`, reason: `the sequence names disk ${n}, but ${machineDisks(disks)}` });
    }
  } else {
    const named = [...new Set(request.sequenceDisks ?? [])];
    for (const disk of named.length ? named.map((n) => `disk ${n}`) : ['no disk named']) {
      refusals.push({ disk, reason: 'a live run touches no disk without --target-disk N, or --yes to accept the disks the sequence names' });
    }
  }
  return { selected, refusals };
}

/** Decides on every disk the request names; all refusals are collected, none is allowed while any is refused. */
export function checkWindowsTargets(disks: readonly WindowsDisk[], request: TargetRequest, facts: WindowsSafetyFacts): WindowsTargetDecision {
  const { selected, refusals } = select(disks, request);
  for (const s of selected) {
    for (const reason of reasonsFor(s.disk, s.explicit, facts)) refusals.push({ disk: `disk ${s.disk.facts.index}`, reason });
  }
  return refusals.length ? { refusals } : { allowed: selected.map((s) => s.disk) };
}

/** The allowed disks. @throws TaskseqError `invalid-input` with one line per refusal (`disk 1: it is read-only`) */
export function requireWindowsTargets(disks: readonly WindowsDisk[], request: TargetRequest, facts: WindowsSafetyFacts): WindowsDisk[] {
  const decision = checkWindowsTargets(disks, request, facts);
  if ('allowed' in decision) return decision.allowed;
  const lines = decision.refusals.map((r) => `${r.disk}: ${r.reason}`);
  throw new TaskseqError('invalid-input', `refusing to touch the target disks:\n${lines.join('\n')}`, {
    problems: lines.map((message) => ({ severity: 'error', code: 'disk-refused', message })),
  });
}
