/**
 * Console export zips: one `SMS_TaskSequencePackage/<PackageID>/object.xml` per task sequence (an export with
 * dependencies also holds the child sequences it runs).
 */
import { unzipSync } from 'fflate';
import { InvalidInputError } from '../problems.ts';
import { createProblem } from './create-problem.ts';
import { MAX_INPUT_BYTES } from './decode-text.ts';

/** One task sequence member of an export zip. */
export interface ExportZipMember {
  /** Path inside the zip, e.g. `SMS_TaskSequencePackage/PS100157/object.xml`. */
  member: string;
  /** The package id from the member path. */
  packageId: string;
  bytes: Uint8Array;
}

const MEMBER = /(?:^|\/)SMS_TaskSequencePackage\/([^/]+)\/object\.xml$/i;

/** True when the bytes start like a zip archive (`PK\x03\x04`). */
export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/**
 * Extracts the task sequence members of an export zip, in archive order.
 * @throws InvalidInputError when the archive is damaged, holds no task sequence, or a member is over the size limit.
 */
export function readExportZip(bytes: Uint8Array, file: string): ExportZipMember[] {
  const tooLarge: string[] = [];
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (f) => {
        if (!MEMBER.test(f.name)) return false;
        if (f.originalSize > MAX_INPUT_BYTES) tooLarge.push(f.name);
        return f.originalSize <= MAX_INPUT_BYTES;
      },
    });
  } catch (e) {
    fail(file, 'invalid-zip', `the file starts like a zip archive but cannot be read: ${(e as Error).message}`);
  }
  if (tooLarge.length > 0) fail(file, 'input-too-large', `zip member ${tooLarge[0]} is larger than the ${MAX_INPUT_BYTES}-byte limit`);
  const members = Object.entries(files).map(([member, data]) => ({ member, packageId: MEMBER.exec(member)![1], bytes: data }));
  if (members.length === 0) {
    fail(file, 'no-task-sequence', 'the zip archive holds no SMS_TaskSequencePackage/<PackageID>/object.xml member; it is not a task sequence export');
  }
  return members;
}

function fail(file: string, code: string, message: string): never {
  throw new InvalidInputError(`${file}: ${message}`, [createProblem({ severity: 'error', code, message, file })]);
}
