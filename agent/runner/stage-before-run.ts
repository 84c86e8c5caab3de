/**
 * Fetching everything before touching a disk: every package the sequence needs is staged (verified local copies)
 * before the first step runs, so a failed download never leaves a half-deployed machine.
 */
import { readDownloadRetry, requiredPackages, type Program, type Registry } from '../../engine/index.ts';
import type { RunLog } from '../log/index.ts';
import type { ContentProgress } from '../content/content-progress.ts';
import type { ContentResolver } from '../content/content-resolver.ts';

const COMPONENT = 'ContentTransfer';
const MiB = 1024 * 1024;

/** Log lines for staging progress: package start and end, retries, replaced local copies, every 10% of a file. */
export function progressLogger(log: RunLog, console?: (line: string) => void): (e: ContentProgress) => void {
  const reported = new Map<string, number>();
  const info = (message: string) => log.write({ severity: 'info', component: COMPONENT, message });
  return (e) => {
    if (e.kind === 'package-start') info(`Staging package ${e.packageId}: ${e.files} files, ${(e.bytes / MiB).toFixed(1)} MiB`);
    else if (e.kind === 'file-invalid') log.write({ severity: 'warning', component: COMPONENT, message: `Package ${e.packageId}: ${e.path} in the ${e.where} does not match its manifest (${e.problem}); fetching it again` });
    else if (e.kind === 'retry') log.write({ severity: 'warning', component: COMPONENT, message: `Package ${e.packageId}: ${e.path} from ${e.source}: ${e.error}; retrying` });
    else if (e.kind === 'download') {
      const key = `${e.packageId}/${e.path}`;
      const tenth = e.total > 0 ? Math.floor((e.received / e.total) * 10) : 10;
      if ((reported.get(key) ?? -1) < tenth) {
        reported.set(key, tenth);
        info(`Downloading ${key} from ${e.source}: ${tenth * 10}% (${e.received} of ${e.total} bytes)`);
      }
    } else if (e.kind === 'package-done') {
      const line = `Package ${e.packageId} is ready (${e.from === 'media' || e.from === 'cache' ? `verified in the ${e.from}` : `downloaded from ${e.from}`}, ${(e.downloaded / MiB).toFixed(1)} MiB transferred)`;
      info(line);
      console?.(line);
    }
  };
}

export interface StageRequest {
  program: Program;
  registry: Registry;
  allowUnknownSteps: boolean;
  /** The variables the run starts with (sequence globals, source variables, `--var`): the retry settings. */
  variables: ReadonlyArray<{ name: string; value: string }>;
}

/**
 * Stages every package the run needs.
 * @throws TaskseqError('content-unavailable') naming the package, file and reason (logged as an error first)
 */
export async function stageBeforeRun(resolver: ContentResolver, req: StageRequest, log: RunLog, console?: (line: string) => void): Promise<void> {
  const ids = requiredPackages({ program: req.program, registry: req.registry, allowUnknownSteps: req.allowUnknownSteps });
  if (ids.length === 0) return;
  const get = (name: string) => [...req.variables].reverse().find((v) => v.name.toLowerCase() === name.toLowerCase())?.value;
  log.write({ severity: 'info', component: COMPONENT, message: `Staging ${ids.length} package(s) before the first step: ${ids.join(', ')}` });
  try {
    const summary = await resolver.stage(ids, progressLogger(log, console), { retry: readDownloadRetry(get) });
    if (summary.evicted.length) log.write({ severity: 'info', component: COMPONENT, message: `Removed from the cache to stay under its limit: ${summary.evicted.join(', ')}` });
  } catch (e) {
    log.write({ severity: 'error', component: COMPONENT, message: `Content staging failed; no step has run: ${(e as Error).message}` });
    throw e;
  }
}
