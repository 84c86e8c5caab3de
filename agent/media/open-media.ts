/**
 * Opens a media folder for a run: header, password, policy, sequence and its hash. Only reads: a wrong password, a
 * changed or truncated file is refused here, before the run creates its state folder or log.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidInputError } from '../../engine/index.ts';
import { deriveKey, openSealed, type OpenResult } from './media-crypto.ts';
import {
  HEADER_FILE, POLICY_ENCRYPTED_FILE, POLICY_FILE, SEQUENCE_ENCRYPTED_FILE, type MediaHeader, type MediaPolicy,
} from './media-format.ts';
import { parseHeader, parsePolicy } from './read-media-documents.ts';

export interface OpenedMedia {
  dir: string;
  header: MediaHeader;
  policy: MediaPolicy;
  /** `file` names the sequence for messages (`<media>/sequence.xml`, also when it is stored encrypted). */
  sequence: { file: string; bytes: Uint8Array };
}

/** Asks for the media password (a terminal prompt or a file); called only when the media is protected. */
export type PasswordSource = () => Promise<string>;

function refuse(code: string, file: string, message: string): InvalidInputError {
  return new InvalidInputError(`${file}: ${message}`, [{ severity: 'error', code, file, message }]);
}

function readMediaFile(dir: string, name: string): Buffer {
  const file = join(dir, name);
  try {
    return readFileSync(file);
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'is missing' : `cannot be read: ${(e as Error).message}`;
    throw refuse('invalid-media', file, `${name} ${why}`);
  }
}

function readHeader(dir: string): { header: MediaHeader; bytes: Buffer } {
  if (!existsSync(join(dir, HEADER_FILE))) {
    if (existsSync(join(dir, 'part1', HEADER_FILE))) {
      throw refuse('invalid-media', dir, 'this folder holds a multi-part media set: give --media DIR/part1 and the other parts with --media-path');
    }
    throw refuse('invalid-media', dir, `not a taskseq media folder (no ${HEADER_FILE})`);
  }
  const bytes = readMediaFile(dir, HEADER_FILE);
  const header = parseHeader(bytes, join(dir, HEADER_FILE));
  if (header.part.number !== 1) {
    throw refuse('invalid-media', dir, `this is part ${header.part.number} of ${header.part.count} of a media set: give part 1 with --media and this one with --media-path`);
  }
  return { header, bytes };
}

function opened(result: OpenResult, file: string, failure: string): Buffer {
  if (result.ok) return result.bytes;
  if (result.reason === 'truncated') throw refuse('media-truncated', file, 'the file is truncated: copy the media again');
  if (result.reason === 'not-sealed') throw refuse('invalid-media', file, 'not a taskseq encrypted file');
  throw refuse('media-authentication', file, failure);
}

async function openProtected(dir: string, header: MediaHeader, headerBytes: Buffer, password: PasswordSource | undefined) {
  if (!password) throw refuse('media-password', dir, 'the media is password protected: give --password-file FILE (there is no terminal to ask on)');
  const key = deriveKey(await password(), header.protection!);
  const policyFile = join(dir, POLICY_ENCRYPTED_FILE);
  const policyBytes = opened(openSealed(key, headerBytes, POLICY_ENCRYPTED_FILE, readMediaFile(dir, POLICY_ENCRYPTED_FILE)), policyFile,
    `cannot open the media: the password is wrong, or ${HEADER_FILE} or ${POLICY_ENCRYPTED_FILE} was changed after the media was built`);
  const policy = parsePolicy(policyBytes, policyFile);
  const sequenceFile = join(dir, SEQUENCE_ENCRYPTED_FILE);
  const sequence = opened(openSealed(key, headerBytes, SEQUENCE_ENCRYPTED_FILE, readMediaFile(dir, SEQUENCE_ENCRYPTED_FILE)), sequenceFile,
    `${SEQUENCE_ENCRYPTED_FILE} was changed after the media was built (the password is right: the policy opened)`);
  return { policy, sequence };
}

function openPlain(dir: string) {
  const policy = parsePolicy(readMediaFile(dir, POLICY_FILE), join(dir, POLICY_FILE));
  return { policy, sequence: readMediaFile(dir, policy.sequence.file) };
}

/**
 * Reads and checks the media in `dir` (part 1 of a set).
 * @throws InvalidInputError (codes `invalid-media`, `media-password`, `media-authentication`, `media-truncated`,
 *   `media-mismatch`) naming the file; messages never contain the password or clear text of an encrypted file
 */
export async function openMedia(dir: string, password: PasswordSource | undefined): Promise<OpenedMedia> {
  const { header, bytes } = readHeader(dir);
  const { policy, sequence } = header.protection ? await openProtected(dir, header, bytes, password) : openPlain(dir);
  if (policy.mediaType !== header.mediaType) {
    throw refuse('media-mismatch', join(dir, HEADER_FILE), `the header says ${header.mediaType} but the policy says ${policy.mediaType}`);
  }
  const sequenceFile = join(dir, policy.sequence.file);
  if (createHash('sha256').update(sequence).digest('hex') !== policy.sequence.sha256) {
    throw refuse('media-mismatch', sequenceFile, 'the sequence does not match the SHA-256 in the policy: it was changed after the media was built');
  }
  return { dir, header, policy, sequence: { file: sequenceFile, bytes: new Uint8Array(sequence) } };
}
