/**
 * The simulated USMT store. A compressed store is one file, `USMT\USMT.MIG`, holding the users, their settings and
 * their files; with a key it is encrypted (AES-256-GCM, key derived from the key text with SHA-256), as USMT's
 * `/encrypt` store is, so nothing in it is readable without the key. A hard-link store is a folder,
 * `USMT\File\<profile folder>\...`, of hard links to the files on the same volume, plus `USMT\catalog.json`.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsmtError } from '../../../../engine/index.ts';
import { checkNoLinks, entryKind, writeFileNoFollow } from '../../host-files/no-follow.ts';
import type { UserProfileState } from '../windows/windows-state.ts';

export const MIG_FILE = ['USMT', 'USMT.MIG'];
export const CATALOG_FILE = ['USMT', 'catalog.json'];
export const HARD_LINK_FOLDER = ['USMT', 'File'];
const MAGIC = Buffer.from('TSUSMTE1');
const PLAIN = Buffer.from('TSUSMTP1');
/** Files above this size are stored by size only (sparse on restore), as the simulated disks keep them. */
export const INLINE_LIMIT = 1024 * 1024;

export interface StoredFile {
  /** Inside the volume, e.g. `Users\alice\Desktop\notes.txt`. */
  path: string;
  size: number;
  /** Base64 content, for files up to {@link INLINE_LIMIT}. */
  data?: string;
}

export interface StoreCatalog {
  format: 'taskseq-usmt-store';
  hardLink: boolean;
  /** The computer the state came from. */
  computerName?: string;
  users: UserProfileState[];
  files: StoredFile[];
}

/** A store's host folder and the folder it is confined to (its volume, or the machine's `network` folder). */
export interface StoreFolder {
  root: string;
  within: string;
}

const keyOf = (key: string) => createHash('sha256').update(key, 'utf8').digest();

/** Writes a compressed store (encrypted when `key` is given). */
export function writeMigFile(store: StoreFolder, catalog: StoreCatalog, key: string | undefined): void {
  const file = join(store.root, ...MIG_FILE);
  const body = Buffer.from(JSON.stringify(catalog), 'utf8');
  if (key === undefined) {
    writeFileNoFollow(store.within, file, Buffer.concat([PLAIN, body]), MIG_FILE.join('\\'));
    return;
  }
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(key), iv);
  const sealed = Buffer.concat([cipher.update(body), cipher.final()]);
  writeFileNoFollow(store.within, file, Buffer.concat([MAGIC, iv, cipher.getAuthTag(), sealed]), MIG_FILE.join('\\'));
}

/** True for a regular file reached without going through a link (a link would read a host file). */
function storeFileAt(store: StoreFolder, file: string): boolean {
  if (entryKind(file) === undefined) return false;
  checkNoLinks(store.within, file, file, 'read');
  return entryKind(file) === 'file';
}

/**
 * Reads a store (compressed or hard-link).
 * @throws TaskseqError('unsupported') when a link is on the way to the store's files; UsmtError 37 without the key of an encrypted store, 42 for a damaged store or a wrong key, 27 without a store
 */
export function readStore(store: StoreFolder, key: string | undefined): StoreCatalog {
  const catalog = join(store.root, ...CATALOG_FILE);
  if (storeFileAt(store, catalog)) return JSON.parse(readFileSync(catalog, 'utf8')) as StoreCatalog;
  const file = join(store.root, ...MIG_FILE);
  if (!storeFileAt(store, file)) throw new UsmtError(27, 'LoadState returned 27 (USMT_INVALID_STORE_LOCATION): the store holds no USMT.MIG or hard-link catalog');
  const raw = readFileSync(file);
  if (raw.subarray(0, 8).equals(PLAIN)) return JSON.parse(raw.subarray(8).toString('utf8')) as StoreCatalog;
  if (!raw.subarray(0, 8).equals(MAGIC)) throw new UsmtError(42, 'LoadState returned 42 (USMT_ERROR_CORRUPTED_STORE): the store is damaged: capture again');
  if (key === undefined) throw new UsmtError(37, 'LoadState returned 37 (USMT_ERROR_NO_INVALID_KEY): the store is encrypted but no key was given');
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyOf(key), raw.subarray(8, 20));
    decipher.setAuthTag(raw.subarray(20, 36));
    const body = Buffer.concat([decipher.update(raw.subarray(36)), decipher.final()]);
    return JSON.parse(body.toString('utf8')) as StoreCatalog;
  } catch {
    throw new UsmtError(42, 'LoadState returned 42 (USMT_ERROR_CORRUPTED_STORE): the store cannot be decrypted with the key given');
  }
}

/** Writes the catalog of a hard-link store (files are linked by the caller). */
export function writeCatalog(store: StoreFolder, catalog: StoreCatalog): void {
  writeFileNoFollow(store.within, join(store.root, ...CATALOG_FILE), JSON.stringify(catalog, null, 2) + '\n', CATALOG_FILE.join('\\'));
}
