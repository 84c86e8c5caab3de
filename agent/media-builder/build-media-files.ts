/** Writes a media set's policy and sequence (sealed when protected), prestart files and CA bundle; makes its headers. */
import { copyFileSync, cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeDurably, type FinalFile } from './build-output.ts';
import { deriveKey, newProtection, sealFile } from '../media/media-crypto.ts';
import {
  CA_BUNDLE_FILE, HEADER_FILE, POLICY_ENCRYPTED_FILE, POLICY_FILE, PRESTART_FOLDER, SEQUENCE_ENCRYPTED_FILE,
  type MediaFolderType, type MediaHeader, type MediaPolicy,
} from '../media/media-format.ts';

export interface MediaFiles {
  mediaType: MediaFolderType;
  created: Date;
  setId: string;
  partCount: number;
  policy: MediaPolicy;
  /** Clear bytes of the sequence; the policy names it (`sequence.xml` or `sequence.json`). */
  sequence: Uint8Array;
  password?: string;
  prestartFiles?: string;
  caBundle?: string;
}

function headerBytes(files: MediaFiles, part: number, protection: MediaHeader['protection']): Buffer {
  const header: MediaHeader = {
    format: 'taskseq-media', version: 1, mediaType: files.mediaType, created: files.created.toISOString(),
    part: { number: part, count: files.partCount, setId: files.setId }, protection,
  };
  return Buffer.from(JSON.stringify(header, null, 2) + '\n', 'utf8');
}

/**
 * Writes on part 1 the policy, the sequence, the prestart files and the CA bundle, and returns every part's header
 * (part 1's last) for the caller to write once all else is in place: a header is what makes a folder a media.
 * @param partDir the staging folder of a part; `partName` the part's folder inside the media ('' for one folder)
 */
export function writeMediaFiles(files: MediaFiles, partDir: (part: number) => string, partName: (part: number) => string): FinalFile[] {
  const protection = files.password !== undefined ? newProtection() : null;
  const headers: FinalFile[] = [];
  for (let n = files.partCount; n >= 1; n--) {
    mkdirSync(partDir(n), { recursive: true });
    headers.push({ dir: partName(n), name: HEADER_FILE, bytes: headerBytes(files, n, protection) });
  }
  const first = partDir(1);
  const policy = Buffer.from(JSON.stringify(files.policy, null, 2) + '\n', 'utf8');
  if (protection) {
    // The header is authenticated with each file, so a changed header (validity, parameters) is refused on opening.
    const header = headerBytes(files, 1, protection);
    const key = deriveKey(files.password!, protection);
    writeDurably(join(first, POLICY_ENCRYPTED_FILE), sealFile(key, header, POLICY_ENCRYPTED_FILE, policy));
    writeDurably(join(first, SEQUENCE_ENCRYPTED_FILE), sealFile(key, header, SEQUENCE_ENCRYPTED_FILE, files.sequence));
  } else {
    writeDurably(join(first, POLICY_FILE), policy);
    writeDurably(join(first, files.policy.sequence.file), files.sequence);
  }
  if (files.prestartFiles) cpSync(files.prestartFiles, join(first, PRESTART_FOLDER), { recursive: true });
  if (files.caBundle) copyFileSync(files.caBundle, join(first, CA_BUNDLE_FILE));
  return headers;
}
