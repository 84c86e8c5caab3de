/**
 * Runs one of the planner's Windows actions through the host's runner and turns a failure into the step's refusal.
 * DISM's own error code (`Error: 0x80070070`) and message are what the step reports: the refusal carries DISM's exit
 * code, so it reaches `_SMSTSLastActionRetCode`. Progress bars are read line by line as DISM prints them.
 */
import { PortRefusal, TaskseqError, type ProgressCallback } from '../../../engine/index.ts';
import type { PlannedAction } from '../plan/command-plan.ts';
import { quoteWindowsArgv } from '../../renderers/windows/dism-command.ts';
import type { RunProcess } from '../process/process-types.ts';
import { parseDismOutput } from '../../renderers/windows/dism-output.ts';

export interface ToolRun {
  run: RunProcess;
  /** Told each DISM progress reading: the request's `onProgress`, so the engine's step-progress events flow. */
  onProgress?: ProgressCallback;
  timeoutMs?: number;
}

/** The first lines of a failing program's output that are not blank, joined with ` / `. */
function reasonLines(stdout: string, stderr: string): string {
  const lines = `${stderr}\n${stdout}`.split(/\r\n|\r|\n/).map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('['));
  return lines.slice(-3).join(' / ') || 'it printed nothing';
}

/**
 * Runs every `command` action in order; a `refused` one refuses the call before anything runs.
 * @throws PortRefusal with the program's exit code (unsigned 32-bit) and its error text when it exits non-zero
 */
export async function runWindowsActions(tool: ToolRun, actions: readonly PlannedAction[], what: string): Promise<void> {
  const refusal = actions.find((a) => a.kind === 'refused');
  if (refusal?.kind === 'refused') throw new TaskseqError('unsupported', `${what}: ${refusal.reason}`);
  for (const action of actions) {
    if (action.kind !== 'command') continue;
    const dism = /(^|\\)dism(\.exe)?$/i.test(action.argv[0] ?? '');
    const onLine = dism && tool.onProgress
      ? (line: string) => { for (const p of parseDismOutput(line, 0).progress) tool.onProgress!({ percent: p.percent }); }
      : undefined;
    const r = await tool.run({ argv: action.argv, ...(tool.timeoutMs ? { timeoutMs: tool.timeoutMs } : {}), ...(onLine ? { onLine } : {}) });
    const exitCode = r.exitCode >>> 0;
    if (exitCode === 0 && !r.killed) continue;
    const shown = quoteWindowsArgv([...action.argv]);
    if (dism) {
      const parsed = parseDismOutput(`${r.stdout}\n${r.stderr}`, exitCode);
      const error = parsed.errorCode ? ` (Error: ${parsed.errorCode})` : '';
      const log = parsed.logPath ? ` (DISM log: ${parsed.logPath})` : '';
      throw new PortRefusal('unsupported', `${what}: ${shown} failed with exit code ${exitCode}${error}: ${parsed.message ?? reasonLines(r.stdout, r.stderr)}${log}`, exitCode);
    }
    throw new PortRefusal('unsupported', `${what}: ${shown} ${r.killed ? 'was stopped' : `failed with exit code ${exitCode}`}: ${reasonLines(r.stdout, r.stderr)}`, exitCode || 1);
  }
}
