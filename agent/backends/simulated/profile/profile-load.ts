/** Built-in machine profiles and loading profiles from JSON files. */
import { readFileSync } from 'node:fs';
import { InvalidInputError, type Problem } from '../../../../engine/index.ts';
import type { MachineProfile } from './profile-types.ts';
import { PROFILE_PROBLEM, renderProfileProblems, validateProfile } from './profile-validate.ts';
import uefiDesktop from './profiles/uefi-desktop.json' with { type: 'json' };
import biosDesktop from './profiles/bios-desktop.json' with { type: 'json' };
import uefiLaptop from './profiles/uefi-laptop.json' with { type: 'json' };
import hypervVm from './profiles/hyperv-vm.json' with { type: 'json' };

/** Imported rather than read from disk so that a bundled agent carries them. */
const BUILTINS: Record<string, unknown> = {
  'uefi-desktop': uefiDesktop,
  'bios-desktop': biosDesktop,
  'uefi-laptop': uefiLaptop,
  'hyperv-vm': hypervVm,
};

/** Built-in profiles, default first. */
export function listBuiltinProfiles(): Array<{ name: string; description: string }> {
  return Object.entries(BUILTINS).map(([name, data]) => ({
    name, description: (data as MachineProfile).description ?? '',
  }));
}

function checked(data: unknown, file: string): MachineProfile {
  const problems = validateProfile(data, file);
  if (problems.length > 0) {
    throw new InvalidInputError(`invalid machine profile ${file}:\n${renderProfileProblems(problems)}`, problems);
  }
  return structuredClone(data) as MachineProfile;
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const builtins = Object.keys(BUILTINS).join(', ');
    const why = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message;
    throw new InvalidInputError(
      `machine profile ${file}: ${why}; give a JSON file or a built-in profile (${builtins})`, [], err);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    const message = `not valid JSON: ${(err as Error).message}`;
    const problem: Problem = { severity: 'error', code: PROFILE_PROBLEM, file, field: '/', message };
    throw new InvalidInputError(`${file}: ${message}`, [problem], err);
  }
}

/**
 * A built-in profile by name (case-insensitive) or a profile JSON file by path, validated.
 * @throws InvalidInputError naming the file and the JSON path of every problem
 */
export function loadProfile(nameOrFile: string): MachineProfile {
  const builtin = Object.keys(BUILTINS).find((n) => n === nameOrFile.trim().toLowerCase());
  if (builtin) return checked(BUILTINS[builtin], `built-in profile ${builtin}`);
  return checked(readJson(nameOrFile), nameOrFile);
}
