/** Writes a media set's headers, policy and sequence (sealed when protected), prestart files and CA bundle. */
import { copyFileSync, cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deriveKey, newProtection, sealFile } from './media-crypto.ts';
import {
  CA_BUNDLE_FILE, HEADER_FILE, POLICY_ENCRYPTED_FILE, POLICY_FILE, PRESTART_FOLDER, SEQUENCE_ENCRYPTED_FILE,
  type MediaFolderType, type MediaHeader, type MediaPolicy,
} from './media-format.ts';

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

/** Writes every part's header, and on part 1 the policy, the sequence, the prestart files and the CA bundle. */
export function writeMediaFiles(files: MediaFiles, partDir: (part: number) => string): void {
  const protection = files.password !== undefined ? newProtection() : null;
  for (let n = 1; n <= files.partCount; n++) {
    mkdirSync(partDir(n), { recursive: true });
    writeFileSync(join(partDir(n), HEADER_FILE), headerBytes(files, n, protection));
  }
  const first = partDir(1);
  const policy = Buffer.from(JSON.stringify(files.policy, null, 2) + '\n', 'utf8');
  if (protection) {
    // The header is authenticated with each file, so a changed header (validity, parameters) is refused on opening.
    const header = headerBytes(files, 1, protection);
    const key = deriveKey(files.password!, protection);
    writeFileSync(join(first, POLICY_ENCRYPTED_FILE), sealFile(key, header, POLICY_ENCRYPTED_FILE, policy));
    writeFileSync(join(first, SEQUENCE_ENCRYPTED_FILE), sealFile(key, header, SEQUENCE_ENCRYPTED_FILE, files.sequence));
  } else {
    writeFileSync(join(first, POLICY_FILE), policy);
    writeFileSync(join(first, files.policy.sequence.file), files.sequence);
  }
  if (files.prestartFiles) cpSync(files.prestartFiles, join(first, PRESTART_FOLDER), { recursive: true });
  if (files.caBundle) copyFileSync(files.caBundle, join(first, CA_BUNDLE_FILE));
}
