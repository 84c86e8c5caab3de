/**
 * Password protection of media files: a key from the password with scrypt, then AES-256-GCM per file with its own
 * random IV. The additional authenticated data binds each file to its name and to the exact bytes of the media
 * header, so changing the header (validity, protection parameters, part set) or swapping files is refused like a
 * changed file.
 *
 * Sealed file layout: `TSQE` (4 bytes), version 1 (1 byte), IV (12 bytes), ciphertext, GCM tag (16 bytes).
 */
import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import type { KdfParameters } from './media-format.ts';

/** N = 2^16, r = 8, p = 1: 64 MiB and about 0.2 s on the 2-core test machines, once per start. */
export const DEFAULT_KDF = { N: 2 ** 16, r: 8, p: 1 } as const;

const MAGIC = Buffer.from('TSQE', 'ascii');
const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
const SALT_BYTES = 16;
const HEAD_BYTES = MAGIC.length + 1 + IV_BYTES;
/** Parameters a header may ask for: a changed header must not make the reader spend minutes or gigabytes. */
const MAX_MEMORY = 512 * 1024 * 1024;

export type OpenResult = { ok: true; bytes: Buffer } | { ok: false; reason: 'truncated' | 'not-sealed' | 'authentication' };

/** Fresh protection parameters (random salt) for a new media set. */
export function newProtection(cost: { N: number; r: number; p: number } = DEFAULT_KDF): KdfParameters {
  return { kdf: 'scrypt', N: cost.N, r: cost.r, p: cost.p, salt: randomBytes(SALT_BYTES).toString('base64'), cipher: 'aes-256-gcm' };
}

/** Why the parameters are refused before any work is done, or undefined when they are usable. */
export function protectionProblem(p: KdfParameters): string | undefined {
  if (p.kdf !== 'scrypt' || p.cipher !== 'aes-256-gcm') return `unsupported protection ${p.kdf}/${p.cipher} (expected scrypt/aes-256-gcm)`;
  const pow2 = Number.isInteger(p.N) && p.N >= 2 ** 10 && p.N <= 2 ** 20 && (p.N & (p.N - 1)) === 0;
  if (!pow2) return `scrypt N must be a power of two from 2^10 to 2^20 (got ${p.N})`;
  if (!Number.isInteger(p.r) || p.r < 1 || p.r > 32 || !Number.isInteger(p.p) || p.p < 1 || p.p > 16) return `scrypt r must be 1-32 and p 1-16 (got r=${p.r}, p=${p.p})`;
  if (memoryOf(p) > MAX_MEMORY) return `scrypt parameters need more than ${MAX_MEMORY / 2 ** 20} MiB`;
  if (Buffer.from(p.salt ?? '', 'base64').length < 8) return 'the salt is missing or shorter than 8 bytes';
  return undefined;
}

function memoryOf(p: { N: number; r: number; p: number }): number {
  return 128 * p.N * p.r * (p.p + 1);
}

/**
 * The 256-bit key for `password` (Unicode NFC-normalised, so the same password typed on another system matches).
 * Call {@link protectionProblem} first on parameters read from a media.
 */
export function deriveKey(password: string, p: KdfParameters): Buffer {
  return scryptSync(password.normalize('NFC'), Buffer.from(p.salt, 'base64'), KEY_BYTES, { N: p.N, r: p.r, p: p.p, maxmem: memoryOf(p) + 2 ** 20 });
}

function aad(header: Uint8Array, fileName: string): Buffer {
  return Buffer.concat([Buffer.from(`taskseq-media:${fileName}\n`, 'utf8'), header]);
}

/** Encrypts `clear` as `fileName` of the media whose header bytes are `header`. */
export function sealFile(key: Buffer, header: Uint8Array, fileName: string, clear: Uint8Array): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad(header, fileName));
  const body = Buffer.concat([cipher.update(clear), cipher.final()]);
  return Buffer.concat([MAGIC, Buffer.from([VERSION]), iv, body, cipher.getAuthTag()]);
}

/** Decrypts a sealed file; never throws for bad input and never returns partial clear text. */
export function openSealed(key: Buffer, header: Uint8Array, fileName: string, sealed: Uint8Array): OpenResult {
  const data = Buffer.from(sealed);
  if (data.length >= MAGIC.length && !data.subarray(0, MAGIC.length).equals(MAGIC)) return { ok: false, reason: 'not-sealed' };
  if (data.length < HEAD_BYTES + TAG_BYTES) return { ok: false, reason: 'truncated' };
  if (data[MAGIC.length] !== VERSION) return { ok: false, reason: 'not-sealed' };
  const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(MAGIC.length + 1, HEAD_BYTES));
  decipher.setAAD(aad(header, fileName));
  decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
  try {
    return { ok: true, bytes: Buffer.concat([decipher.update(data.subarray(HEAD_BYTES, data.length - TAG_BYTES)), decipher.final()]) };
  } catch {
    return { ok: false, reason: 'authentication' };
  }
}
