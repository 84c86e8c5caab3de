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
  /**
   * Puts a verified copy of a package into a folder on the machine (Download Package Content), fetching it first
   * when it is not local yet. The package lands in `<destination>\<packageId>`.
   * @throws TaskseqError('content-unavailable') when no source could deliver verified content (the message names the
   *   package, the file and why); TaskseqError('unsupported') when the destination cannot hold it.
   */
  stage(request: ContentStageRequest): Promise<StagedPackage>;
}

export interface ContentStageRequest {
  packageId: string;
  /** Folder on the machine, e.g. `C:\_SMSTaskSequence\Packages` or `D:\Drivers`. */
  destination: string;
  /** `SMSTSDownloadRetryCount` / `SMSTSDownloadRetryDelay` (milliseconds) in force for this step. */
  retry?: { count: number; delayMs: number };
  /** `SMSTSPersistContent`: keep a copy fetched for this step in the task sequence cache for the rest of the run. */
  persistInCache?: boolean;
  signal?: AbortSignal;
}

export interface StagedPackage {
  /** Machine path of the package folder, `<destination>\<packageId>`. */
  path: string;
  /** Bytes of the package. */
  bytes: number;
  /** Where the verified bytes came from: the media, the local cache, or a deployment source URL. */
  from: string;
}
