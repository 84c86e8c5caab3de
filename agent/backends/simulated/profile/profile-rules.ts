/** Checks across fields of a schema-valid profile; each finding names the JSON path it is about. */
import type { MachineProfile } from './profile-types.ts';
import { checkStorage } from './profile-disk-rules.ts';

export interface RuleFinding {
  /** JSON pointer, e.g. `/firmware/secureBoot`. */
  path: string;
  message: string;
}

const HIVES = ['HKEY_LOCAL_MACHINE', 'HKEY_CURRENT_USER', 'HKEY_USERS', 'HKEY_CLASSES_ROOT', 'HKEY_CURRENT_CONFIG',
  'HKLM', 'HKCU', 'HKU', 'HKCR', 'HKCC'];

/** JSON pointer segment escaping (RFC 6901). */
function pointerSegment(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

function checkFirmware(p: MachineProfile, out: RuleFinding[]): void {
  if (p.firmware.mode === 'BIOS' && p.firmware.secureBoot === true) {
    out.push({ path: '/firmware/secureBoot', message: 'must be false or absent when /firmware/mode is BIOS' });
  }
  if (Number.isNaN(Date.parse(p.firmware.clock))) {
    out.push({ path: '/firmware/clock', message: 'is not a valid date and time' });
  }
}

function checkEnvironment(p: MachineProfile, out: RuleFinding[]): void {
  if (!p.environment.inWinPE && !p.os) {
    out.push({ path: '/os', message: 'is required when /environment/inWinPE is false (the machine starts in it)' });
  }
}

function checkCommands(p: MachineProfile, out: RuleFinding[]): void {
  (p.commands ?? []).forEach((c, i) => {
    try {
      new RegExp(c.match, 'i');
    } catch (err) {
      out.push({ path: `/commands/${i}/match`, message: `is not a valid regular expression: ${(err as Error).message}` });
    }
  });
}

function checkRegistry(base: string, registry: Record<string, unknown> | undefined, out: RuleFinding[]): void {
  for (const key of Object.keys(registry ?? {})) {
    const hive = key.split('\\')[0].toUpperCase();
    if (!HIVES.includes(hive)) {
      out.push({ path: `${base}/registry/${pointerSegment(key)}`, message: `must start with a hive (${HIVES.join(', ')})` });
    }
  }
}

/** Findings for a profile that already passed the schema. */
export function checkProfileRules(p: MachineProfile): RuleFinding[] {
  const out: RuleFinding[] = [];
  checkFirmware(p, out);
  checkEnvironment(p, out);
  checkCommands(p, out);
  checkRegistry('/os', p.os?.registry, out);
  checkRegistry('/winpe', p.winpe?.registry, out);
  checkStorage(p, out);
  return out;
}
