/** The version `taskseq --version` prints: package.json's, known at bundle time or read from the sources' checkout. */
import { readFileSync } from 'node:fs';

// The bundles replace this name with package.json's version (esbuild `define`): a bundle copied onto media has no
// package.json beside it, and reading one would cost start-up time.
declare const TASKSEQ_VERSION: string | undefined;

let cached: string | undefined;

/** The package version, read at most once per process. */
export function packageVersion(): string {
  if (typeof TASKSEQ_VERSION === 'string') return TASKSEQ_VERSION;
  cached ??= (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  return cached;
}
