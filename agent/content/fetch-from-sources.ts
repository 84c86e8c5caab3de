/** One manifest file from the deployment sources, in order: the first that delivers verified bytes wins. */
import type { AxiosInstance } from 'axios';
import { TaskseqError } from '../../engine/index.ts';
import { ContentMismatchError, describeError, isAbort } from './download-errors.ts';
import { downloadFile } from './download-file.ts';
import type { ManifestFile } from './package-manifest.ts';

export interface SourceFetch {
  client: AxiosInstance;
  /** Base URLs in order of preference (no trailing slash). */
  sources: readonly string[];
  packageId: string;
  file: ManifestFile;
  target: string;
  retry: { count: number; delayMs: number };
  stallMs: number;
  signal?: AbortSignal;
  onBytes?: (source: string, received: number) => void;
  onRetry?: (source: string, attempt: number, error: Error) => void;
  /** A source that failed once is tried last afterwards (so a dead server costs its retries only once). */
  failed: Set<string>;
}

/** `<base>/content/<ID>/<path>` with every segment escaped. */
export function contentUrl(base: string, packageId: string, path: string): string {
  return `${base}/content/${encodeURIComponent(packageId)}/${path.split('/').map(encodeURIComponent).join('/')}`;
}

/**
 * Downloads one file, falling back to the next source when one fails.
 * @throws TaskseqError('content-unavailable') naming the package, the file and each source's failure (a mismatch
 *   carries both hashes)
 */
export async function fetchFromSources(f: SourceFetch): Promise<{ source: string; transferred: number; resumes: number }> {
  const what = `package ${f.packageId} file ${f.file.path}`;
  if (f.sources.length === 0) throw new TaskseqError('content-unavailable', `${what}: not available locally and no deployment source is configured`);
  const ordered = [...f.sources.filter((s) => !f.failed.has(s)), ...f.sources.filter((s) => f.failed.has(s))];
  const failures: string[] = [];
  for (const source of ordered) {
    try {
      const r = await downloadFile({
        client: f.client, url: contentUrl(source, f.packageId, f.file.path), target: f.target, size: f.file.size,
        sha256: f.file.sha256, what, retries: f.retry.count, retryDelayMs: f.retry.delayMs, stallMs: f.stallMs,
        signal: f.signal, onBytes: (n) => f.onBytes?.(source, n), onRetry: (a, e) => f.onRetry?.(source, a, e),
      });
      return { source, ...r };
    } catch (e) {
      if (isAbort(e) || f.signal?.aborted) throw e;
      f.failed.add(source);
      failures.push(e instanceof ContentMismatchError ? e.message : `${source}: ${describeError(e)}`);
    }
  }
  throw new TaskseqError('content-unavailable', `${what}: no deployment source delivered it (${failures.join('; ')})`);
}
