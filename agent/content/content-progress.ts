/** What staging reports while it works (the runner turns these into log lines and console progress). */
export type ContentProgress =
  | { kind: 'package-start'; packageId: string; files: number; bytes: number }
  /** A local copy did not match its manifest entry and will be replaced. */
  | { kind: 'file-invalid'; packageId: string; path: string; where: 'cache' | 'media'; problem: 'size' | 'hash' }
  /** Bytes of one file received so far (called often: throttle before printing). */
  | { kind: 'download'; packageId: string; path: string; source: string; received: number; total: number }
  | { kind: 'retry'; packageId: string; path: string; source: string; attempt: number; error: string }
  | { kind: 'package-done'; packageId: string; from: string; bytes: number; downloaded: number };
