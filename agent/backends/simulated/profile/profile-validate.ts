/** Validation of machine profiles: the JSON schema (precompiled: `npm run build:schemas`) plus cross-field rules. */
import type { ErrorObject } from 'ajv';
import type { Problem } from '../../../../engine/index.ts';
import { validateProfileSchema } from './profile-validator.generated.js';
import { checkProfileRules } from './profile-rules.ts';
import type { MachineProfile } from './profile-types.ts';

/** Problem code of every profile finding. */
export const PROFILE_PROBLEM = 'invalid-profile';

const PATTERN_HINTS: Record<string, string> = {
  uuid: 'must be a GUID such as 4C4C4544-0044-5810-804B-B7C04F394833',
  productCode: 'must be a GUID such as {1D8E6291-B0D5-35EC-8441-6616F567A0F7}',
  upgradeCode: 'must be a GUID such as {1D8E6291-B0D5-35EC-8441-6616F567A0F7}',
  macAddress: 'must be a MAC address such as 00:15:5D:01:02:03',
  clock: 'must be an ISO 8601 instant such as 2025-03-04T08:30:00Z',
  modified: 'must be an ISO 8601 instant such as 2025-03-04T08:30:00Z',
  version: 'must be a dotted version such as 10.0.22631',
  systemDrive: 'must be a drive such as C:',
  drive: 'must be a drive such as C:',
  winDir: 'must be a path such as C:\\Windows',
  name: 'must start with a letter or digit and contain only letters, digits, ".", "_" and "-"',
};

/** Where the error is and what is wrong, in words a profile author understands. */
function describe(e: ErrorObject): { path: string; message: string } {
  const path = e.instancePath || '/';
  const last = e.instancePath.split('/').pop() ?? '';
  switch (e.keyword) {
    case 'required':
      return { path: `${e.instancePath}/${e.params.missingProperty}`, message: 'is required' };
    case 'additionalProperties':
      return { path: `${e.instancePath}/${e.params.additionalProperty}`, message: 'is not a known field' };
    case 'enum':
      return { path, message: `must be one of ${(e.params.allowedValues as unknown[]).join(', ')}` };
    case 'pattern':
      return { path, message: PATTERN_HINTS[last] ?? `must match ${e.params.pattern}` };
    default:
      return { path, message: e.message ?? 'is not valid' };
  }
}

function problem(file: string, path: string, message: string): Problem {
  return { severity: 'error', code: PROFILE_PROBLEM, file, field: path, message };
}

/**
 * Every problem of `data` as a machine profile (empty = valid).
 * @param file shown in each problem (`machines/lab.json`, or `built-in profile uefi-desktop`)
 */
export function validateProfile(data: unknown, file: string): Problem[] {
  if (!validateProfileSchema(data)) {
    return (validateProfileSchema.errors ?? []).map(describe).map((d) => problem(file, d.path, d.message));
  }
  return checkProfileRules(data as MachineProfile).map((f) => problem(file, f.path, f.message));
}

/** One line per problem: `machines/lab.json: /firmware/mode: must be one of UEFI, BIOS`. */
export function renderProfileProblems(problems: readonly Problem[]): string {
  return problems.map((p) => `${p.file}: ${p.field}: ${p.message}`).join('\n');
}
