/** Resolves package ids to local folders (stand-alone media layout: one folder per package id). */
export interface ContentPort {
  /** Local folder for `packageId`, or undefined when the content is not available. */
  resolve(packageId: string): string | undefined;
  /** Package ids this source can provide (for messages). */
  available(): string[];
}
