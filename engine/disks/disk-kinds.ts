/** Which kinds of disk a deployment can use (pure facts, worded once for every step that meets them). */

/** Why no step makes or partitions a dynamic disk. */
export const DYNAMIC_DISK_REASON = 'dynamic disks are deprecated and Windows Setup cannot install to them';
