/**
 * Seals secret variable values before they enter the journal: AES-256-GCM with a key kept in its own file, so a
 * journal copied to a log share reveals no secret.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TaskseqError } from '../../engine/problems.ts';
import { syncFolder } from './sync-folder.ts';

/** Turns a secret into an opaque journal string and back; fits `VariableStore.snapshot(seal)` / `restore(snap, open)`. */
export interface SecretSealer {
  /** `v1:<base64 iv>:<base64 tag>:<base64 ciphertext>`; creates the key file on first use. */
  seal(value: string): string;
  /**
   * The clear value of a sealed string.
   * @throws TaskseqError `journal-mismatch` when the key file is missing or wrong, or the value was altered; the
   *   message never contains the sealed or clear value.
   */
  open(sealed: string): string;
}

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const VERSION = 'v1';
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * A sealer whose 32-byte key lives in `keyFile`. The key is created on first `seal` (random, mode 0600, folder
 * created if missing, made durable before any value sealed with it can reach the journal) and read once.
 * @throws TaskseqError `journal-mismatch` from `open` as described on {@link SecretSealer.open}; TaskseqError
 *   `internal` naming the key file when it cannot be created.
 */
export function createSecretSealer(keyFile: string): SecretSealer {
  let key: Buffer | undefined;
  const keyFor = (purpose: 'seal' | 'open'): Buffer => (key ??= loadKey(keyFile, purpose));
  return {
    seal(value) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', keyFor('seal'), iv);
      const ciphertext = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
      return [VERSION, iv, cipher.getAuthTag(), ciphertext].map((p) => (typeof p === 'string' ? p : p.toString('base64'))).join(':');
    },
    open(sealed) {
      const parts = parseSealed(sealed, keyFile);
      const decipher = createDecipheriv('aes-256-gcm', keyFor('open'), parts.iv);
      decipher.setAuthTag(parts.tag);
      try {
        return Buffer.concat([decipher.update(parts.ciphertext), decipher.final()]).toString('utf8');
      } catch (cause) {
        throw cannotOpen(keyFile, 'the key does not match or the sealed value was altered', cause);
      }
    },
  };
}

function parseSealed(sealed: string, keyFile: string): { iv: Buffer; tag: Buffer; ciphertext: Buffer } {
  const parts = sealed.split(':');
  if (parts.length !== 4 || parts[0] !== VERSION || !parts.slice(1).every((p) => BASE64.test(p))) {
    throw cannotOpen(keyFile, `a sealed value is not in the ${VERSION} format`);
  }
  const [iv, tag, ciphertext] = parts.slice(1).map((p) => Buffer.from(p, 'base64'));
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw cannotOpen(keyFile, 'a sealed value was altered');
  return { iv, tag, ciphertext };
}

function loadKey(keyFile: string, purpose: 'seal' | 'open'): Buffer {
  let key = readKeyIfPresent(keyFile);
  if (!key && purpose === 'open') throw cannotOpen(keyFile, 'the key file is missing');
  key ??= createKey(keyFile);
  if (key.length !== KEY_BYTES) {
    throw cannotOpen(keyFile, `the key file holds ${key.length} bytes, not a ${KEY_BYTES}-byte key`);
  }
  return key;
}

function readKeyIfPresent(keyFile: string): Buffer | undefined {
  try {
    return fs.readFileSync(keyFile);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new TaskseqError('internal', `${keyFile}: cannot read the journal key file: ${(e as NodeJS.ErrnoException).code}`, { cause: e });
  }
}

/** Writes a new key exclusively; when another process won the race, its key is used. */
function createKey(keyFile: string): Buffer {
  const key = randomBytes(KEY_BYTES);
  try {
    fs.mkdirSync(path.dirname(keyFile), { recursive: true, mode: 0o700 });
    writeKeyFile(keyFile, key);
    syncFolder(path.dirname(keyFile));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return readKeyIfPresent(keyFile) ?? createKey(keyFile);
    throw new TaskseqError('internal', `${keyFile}: cannot create the journal key file: ${code ?? (e as Error).message}`, { cause: e });
  }
  return key;
}

/** Creates the file (never overwrites: a lost key would lose every sealed value); removes a half-written one. */
function writeKeyFile(keyFile: string, key: Buffer): void {
  const fd = fs.openSync(keyFile, 'wx', 0o600);
  try {
    fs.fchmodSync(fd, 0o600);
    fs.writeSync(fd, key);
    fs.fsyncSync(fd);
  } catch (e) {
    fs.closeSync(fd);
    fs.rmSync(keyFile, { force: true });
    throw e;
  }
  fs.closeSync(fd);
}

function cannotOpen(keyFile: string, why: string, cause?: unknown): TaskseqError {
  return new TaskseqError(
    'journal-mismatch',
    `the journal's secrets cannot be opened with the key file ${keyFile}: ${why}. ` +
      'To start over, delete the state folder or run again with --reset.',
    cause === undefined ? undefined : { cause },
  );
}
