/**
 * The media folder format (docs/media.md): a plain header, a policy and a sequence (encrypted when the media is
 * protected), content packages with SHA-256 manifests, optional prestart files and CA bundle.
 */
import type { ManifestFile, PackageManifest } from '../content/package-manifest.ts';
import type { MediaType } from '../../engine/index.ts';

export type MediaFolderType = Extract<MediaType, 'FullMedia' | 'BootMedia' | 'OEMMedia'>;

export const MEDIA_FOLDER_TYPES: readonly MediaFolderType[] = ['FullMedia', 'BootMedia', 'OEMMedia'];

export const HEADER_FILE = 'taskseq-media.json';
export const POLICY_FILE = 'policy.json';
export const POLICY_ENCRYPTED_FILE = 'policy.enc';
export const SEQUENCE_ENCRYPTED_FILE = 'sequence.enc';
export const CONTENT_FOLDER = 'content';
export const PRESTART_FOLDER = 'prestart';
export const CA_BUNDLE_FILE = 'ca.pem';

export interface KdfParameters {
  kdf: 'scrypt';
  /** CPU/memory cost (a power of two). */
  N: number;
  /** Block size. */
  r: number;
  /** Parallelism. */
  p: number;
  /** Base64. */
  salt: string;
  cipher: 'aes-256-gcm';
}

export interface MediaHeader {
  format: 'taskseq-media';
  version: 1;
  mediaType: MediaFolderType;
  /** ISO-8601. */
  created: string;
  part: { number: number; count: number; setId: string };
  protection: KdfParameters | null;
}

// One package manifest format for media policies and deployment sources (defined with the content resolver).
export type { ManifestFile, PackageManifest };

export interface MediaVariable {
  name: string;
  value: string;
  secret?: boolean;
}

export interface MediaPolicy {
  mediaType: MediaFolderType;
  /** `file` is `sequence.xml` or `sequence.json` (stored as `sequence.enc` when protected); `sha256` of the clear bytes. */
  sequence: { file: string; sha256: string };
  variables: MediaVariable[];
  validFrom?: string;
  validUntil?: string;
  prestart?: { commandLine: string };
  sources?: string[];
  caBundle?: string;
  packages: PackageManifest[];
}

/** `taskseq media build --type` names -> media types. */
export const BUILD_TYPES: Readonly<Record<string, MediaFolderType>> = {
  standalone: 'FullMedia',
  boot: 'BootMedia',
  prestaged: 'OEMMedia',
};

/** The part a manifest file is on. */
export function partOf(file: ManifestFile): number {
  return file.part ?? 1;
}
