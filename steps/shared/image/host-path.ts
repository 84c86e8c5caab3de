/** Paths of the host's content folders, built without the host's path module (a step cannot use it). */

/** Joins a host folder and names with the folder's own separator. */
export function joinHostPath(folder: string, ...names: string[]): string {
  const sep = folder.includes('\\') && !folder.includes('/') ? '\\' : '/';
  return [folder.replace(/[\\/]+$/, ''), ...names].join(sep);
}
