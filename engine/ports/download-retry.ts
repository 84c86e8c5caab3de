/**
 * `SMSTSDownloadRetryCount` / `SMSTSDownloadRetryDelay` as the agent and Download Package Content read them. The
 * reference gives the defaults: 2 retries, 15 seconds apart. A value that is not a whole number >= 0 keeps the default.
 */

export const DOWNLOAD_RETRY_COUNT_VARIABLE = 'SMSTSDownloadRetryCount';
export const DOWNLOAD_RETRY_DELAY_VARIABLE = 'SMSTSDownloadRetryDelay';
export const DEFAULT_DOWNLOAD_RETRY_COUNT = 2;
export const DEFAULT_DOWNLOAD_RETRY_DELAY_SECONDS = 15;

/** Retries after the first attempt, and milliseconds between attempts, from the variables `get` reads. */
export function readDownloadRetry(get: (name: string) => string | undefined): { count: number; delayMs: number } {
  const whole = (v: string | undefined, fallback: number): number => (v !== undefined && /^\s*\d+\s*$/.test(v) ? Number(v) : fallback);
  return {
    count: Math.min(whole(get(DOWNLOAD_RETRY_COUNT_VARIABLE), DEFAULT_DOWNLOAD_RETRY_COUNT), 100),
    delayMs: whole(get(DOWNLOAD_RETRY_DELAY_VARIABLE), DEFAULT_DOWNLOAD_RETRY_DELAY_SECONDS) * 1000,
  };
}
