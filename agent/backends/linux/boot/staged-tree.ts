/**
 * Boot files are first put together in a temp folder on the host (the "stage"), then written to their partition in
 * one go: with one mcopy onto a FAT32 partition, or merged into a mounted NTFS one. What is copied out of the applied
 * image is copied without following links, so a link in an image can never put a host file on a boot partition.
 */
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { TaskseqError } from '../../../../engine/index.ts';
import { walkNoFollow } from '../../host-files/no-follow.ts';

/**
 * Copies the tree `from` into `to`; a link or device file in it is refused, never followed.
 * @param refusal the start of the refusal, naming the call and the image folder (`... for C:\Windows: Boot\EFI`)
 * @throws TaskseqError('unsupported') `<refusal>\<path> is a symbolic link, which is not copied` (or a special file)
 */
export function copyTreeNoLinks(from: string, to: string, refusal: string): void {
  for (const entry of walkNoFollow(from)) {
    const target = join(to, relative(from, entry.path));
    if (entry.kind === 'folder') mkdirSync(target, { recursive: true });
    else if (entry.kind === 'file') copyFileSync(entry.path, target);
    else throw new TaskseqError('unsupported', `${refusal}\\${relative(from, entry.path).split('/').join('\\')} is a ${entry.kind === 'link' ? 'symbolic link' : 'special file'}, which is not copied`);
  }
}

/** The files below `root`, each as its path segments. */
export function listFiles(root: string, prefix: string[] = []): string[][] {
  return readdirSync(join(root, ...prefix), { withFileTypes: true }).flatMap((e) =>
    (e.isDirectory() ? listFiles(root, [...prefix, e.name]) : [[...prefix, e.name]]));
}
