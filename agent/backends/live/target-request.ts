/** Which disks a live run's options name, as every live backend reads them (its safety rules decide on them). */

/** How the run names the disks it may touch. */
export interface TargetRequest {
  /**
   * `--target-disk` values as given: a disk number (the index in the backend's order) or the
   * backend's path of a disk (`/dev/sdb`, `\\.\PhysicalDrive1`).
   */
  targetDisks: readonly string[];
  /** `--yes`: accept the disk numbers the sequence's steps name. Ignored when `targetDisks` names any. */
  yes?: boolean;
  /** The disk numbers the sequence's steps name. */
  sequenceDisks?: readonly number[];
}
