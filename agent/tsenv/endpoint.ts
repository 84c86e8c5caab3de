/** Where a command's bridge listens: a named pipe on Windows, a Unix socket elsewhere (tests). */
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Prefix of every bridge's pipe or socket name. */
export const ENDPOINT_PREFIX = 'taskseq-tsenv-';

/**
 * A fresh endpoint: `\\.\pipe\taskseq-tsenv-<random>` on Windows, `<folder>/taskseq-tsenv-<random>.sock` on other
 * systems (a Unix socket path must stay under about 100 bytes, so the folder should be short; the system's
 * temporary folder by default).
 */
export function newEndpoint(platform: NodeJS.Platform = process.platform, folder: string = tmpdir()): string {
  const name = `${ENDPOINT_PREFIX}${randomBytes(12).toString('hex')}`;
  return platform === 'win32' ? `\\\\.\\pipe\\${name}` : join(folder, `${name}.sock`);
}
