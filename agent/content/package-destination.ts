/** Where Download Package Content puts a package on the machine: a backend-specific writer of folders. */

export interface PackageDestination {
  /**
   * Copies the files of a local package folder into `<destination>\<packageId>` on the machine, replacing what was
   * there, and returns that machine path.
   * @param files paths relative to `folder`, `/`-separated
   * @throws TaskseqError('unsupported') when the machine cannot hold them there (no such volume, full, FAT32 limit)
   */
  place(folder: string, files: readonly string[], destination: string, packageId: string): string;
}
