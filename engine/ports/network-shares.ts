/**
 * Network shares as steps and backends name them: `\\server\share`. A machine reaches a share only when its run has
 * connected it (the Imaging port lists them); Windows matches server and share names in any case, so `\\LAB\Captures`
 * and `\\lab\captures` are one share.
 */

/** Whether two `\\server\share` names are the same share (any case). */
export function sameShare(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
