/** Resolves package ids to local folders (stand-alone media layout: one folder per package id). */
export interface ContentPort {
  /** Local folder for `packageId`, or undefined when the content is not available. */
  resolve(packageId: string): string | undefined;
  /** Package ids this source can provide (for messages). */
  available(): string[];
  /** Names of the files at the top of the package's folder (e.g. to find its one `.wim`); empty when unknown. */
  files(packageId: string): string[];
  /** Text of a file in the package (`path` relative to its folder, `\` or `/`), or undefined when absent. */
  readText(packageId: string, path: string): string | undefined;
}
