import * as fs from 'node:fs';

/**
 * Makes a folder's entries (a create or a rename inside it) durable: opens it read-only and fsyncs it.
 * Platforms that refuse to open or sync a folder (EISDIR, EINVAL; EPERM on Windows) are skipped: there the file
 * system makes the rename durable by itself.
 * @throws the file system error for anything else (e.g. the folder is missing).
 */
export function syncFolder(folder: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(folder, 'r');
    fs.fsyncSync(fd);
  } catch (e) {
    if (!isRefusedFolderSync(e)) throw e;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

function isRefusedFolderSync(e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'EISDIR' || code === 'EINVAL' || (code === 'EPERM' && process.platform === 'win32');
}
